"""The messages' URLs, under ``/cohortes/`` (``lms/urls.py``): write one, list those sent."""

from django.urls import path

from cohorts.messages import views

urlpatterns = [
    path("<int:cohort_id>/message/", views.message_write, name="cohorts_message"),
    path("<int:cohort_id>/messages/", views.message_list, name="cohorts_message_list"),
]
