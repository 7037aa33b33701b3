"""A person's data (included under ``/comptes/`` by ``lms/urls.py``)."""

from django.urls import path

from lms.privacy.rights import views

urlpatterns = [
    path("mes-donnees/", views.my_data, name="privacy_my_data"),
    path("mes-donnees/telecharger/", views.export_ask, name="privacy_export_ask"),
    path(
        "mes-donnees/telechargement/<str:secret>/",
        views.export_download_view,
        name="privacy_export_download",
    ),
    path("mes-donnees/effacer/", views.erasure_ask, name="privacy_erasure_ask"),
    path("mes-donnees/effacer/annuler/", views.erasure_cancel_view, name="privacy_erasure_cancel"),
]
