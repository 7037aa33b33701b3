from django.urls import path

from lms.accounts import views

urlpatterns = [
    # Same path as allauth's own sign-up (declared first, so it wins), made atomic.
    path("signup/", views.signup, name="account_signup"),
    path("mon-compte/", views.profile, name="accounts_profile"),
    path("organisme/demandes/", views.join_requests, name="accounts_join_requests"),
    path(
        "organismes/suggestions/",
        views.organisation_suggestions,
        name="accounts_organisation_suggestions",
    ),
]
