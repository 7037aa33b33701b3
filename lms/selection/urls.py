"""URLs of applications and committees (included by ``lms/urls.py``)."""

from django.urls import path

from lms.selection import views

urlpatterns = [
    path("appels/<int:pk>/", views.call_view, name="selection_call"),
    path("appels/<int:pk>/postuler/", views.call_apply, name="selection_call_apply"),
    path("<int:pk>/", views.application_view, name="selection_application"),
]
