from django.urls import path

from cohorts import views

urlpatterns = [
    path("", views.cohort_list, name="cohorts_list"),
    path("<int:cohort_id>/", views.cohort_grid_view, name="cohorts_grid"),
    path("<int:cohort_id>/progression.csv", views.grid_export, name="cohorts_grid_export"),
    path(
        "<int:cohort_id>/progression.xlsx",
        views.grid_export,
        {"extension": "xlsx"},
        name="cohorts_grid_export_xlsx",
    ),
    path(
        "<int:cohort_id>/presences.csv", views.attendance_export, name="cohorts_attendance_export"
    ),
    path(
        "<int:cohort_id>/presences.xlsx",
        views.attendance_export,
        {"extension": "xlsx"},
        name="cohorts_attendance_export_xlsx",
    ),
    path(
        "<int:cohort_id>/organismes/<int:organisation_id>/",
        views.organisation_view,
        name="cohorts_organisation",
    ),
]
