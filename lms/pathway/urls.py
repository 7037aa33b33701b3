from django.urls import path

from lms.pathway import views

urlpatterns = [
    path("mon-parcours/", views.dashboard, name="pathway_dashboard"),
    path("certificats/<str:token>/", views.certificate_verify, name="pathway_certificate_verify"),
    path(
        "certificats/<str:token>/pdf/",
        views.certificate_download,
        name="pathway_certificate_pdf",
    ),
]
