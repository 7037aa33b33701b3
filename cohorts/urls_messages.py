from django.urls import path

from cohorts import views_messages

urlpatterns = [
    path("<int:cohort_id>/message/", views_messages.message_write, name="cohorts_message"),
    path("<int:cohort_id>/messages/", views_messages.message_list, name="cohorts_message_list"),
]
