"""URLs of applications and committees (included by ``lms/urls.py``)."""

from django.urls import path

from lms.selection import views

urlpatterns = [
    path("appels/<int:pk>/", views.call_view, name="selection_call"),
    path("appels/<int:pk>/postuler/", views.call_apply, name="selection_call_apply"),
    path("<int:pk>/", views.application_view, name="selection_application"),
    path("<int:pk>/revision/", views.decision_review, name="selection_decision_review"),
    path("comite/", views.committee_home, name="selection_committee"),
    path("comite/<int:pk>/", views.committee_application, name="selection_committee_application"),
    path(
        "comite/<int:pk>/declaration/",
        views.committee_declaration,
        name="selection_committee_declaration",
    ),
    path("comite/<int:pk>/evaluation/", views.committee_review, name="selection_committee_review"),
    path(
        "comite/<int:pk>/synthese/",
        views.committee_consolidated,
        name="selection_committee_consolidated",
    ),
]
