"""The benchmark's URLs: the platform's, and the floor (a minimal Django view served by
the same gunicorn, through the same middleware), against which each page is measured."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as platform


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("banc/plancher/", floor, name="bench_floor"), *platform]
