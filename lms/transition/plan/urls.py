"""URLs of the plan (included by ``lms/urls.py`` under ``/plan-de-transition/``)."""

from django.urls import path

from lms.transition.plan import views

urlpatterns = [
    path("", views.plan_edit, name="plan_edit"),
    path("partage/", views.plan_share, name="plan_share"),
    path("brouillon.pdf", views.draft_pdf, name="plan_draft_pdf"),
    path("versions/comparer/", views.compare_view, name="plan_compare"),
    path("versions/<int:number>/", views.version_view, name="plan_version"),
    path("versions/<int:number>/pdf/", views.version_pdf, name="plan_version_pdf"),
    path(
        "cohortes/<int:cohort_id>/organismes/<int:organisation_id>/",
        views.shared_view,
        name="plan_shared",
    ),
]
