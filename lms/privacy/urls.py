from django.urls import path

from lms.privacy import views

urlpatterns = [
    path("", views.privacy_page, name="privacy_page"),
    path("consentements/", views.consents, name="privacy_consents"),
    path("consentements/changer/", views.consent_change, name="privacy_consent_change"),
]
