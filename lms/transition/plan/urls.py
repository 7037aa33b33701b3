"""URLs of the plan (included by ``lms/urls.py``)."""

urlpatterns: list = []
