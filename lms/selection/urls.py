"""URLs of applications and committees (included by ``lms/urls.py``)."""

urlpatterns: list = []
