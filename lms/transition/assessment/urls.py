"""URLs of the assessment (included by ``lms/urls.py`` under ``autodiagnostic/``)."""

from django.urls import path

from lms.transition.assessment import views

urlpatterns = [
    path("", views.home, name="assessment_home"),
    path("tours/ouvrir/", views.round_open_view, name="assessment_round_open"),
    path("tours/<int:round_id>/", views.result_view, name="assessment_result"),
    path("tours/<int:round_id>/fermer/", views.round_close_view, name="assessment_round_close"),
    path("tours/<int:round_id>/resultat.csv", views.result_csv, name="assessment_result_csv"),
    path("tours/<int:round_id>/resultat.pdf", views.result_pdf, name="assessment_result_pdf"),
    path("questionnaire/commencer/", views.take_start_view, name="assessment_take_start"),
    path("questionnaire/<int:step>/", views.step_view, name="assessment_step"),
    path("mes-reponses/<int:take_id>/", views.take_view, name="assessment_take"),
    path("partage/", views.sharing_view, name="assessment_sharing"),
    path(
        "cohortes/<int:cohort_id>/organismes/<int:organisation_id>/",
        views.shared_view,
        name="assessment_shared",
    ),
    path("equipe/", views.staff_view, name="assessment_staff"),
]
