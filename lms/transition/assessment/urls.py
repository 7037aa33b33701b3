"""URLs of the assessment (included by ``lms/urls.py``)."""

urlpatterns: list = []
