from django.urls import path

from webinars import views

urlpatterns = [
    path("seances/", views.session_list, name="webinars_session_list"),
    path(
        "seances/<int:session_id>/presences/",
        views.session_attendance,
        name="webinars_session_attendance",
    ),
    path("importations/<int:import_id>/", views.import_detail, name="webinars_import_detail"),
    path(
        "seances/<int:session_id>/calendrier.ics",
        views.session_calendar,
        name="webinars_session_ics",
    ),
]
