"""Registers the privacy admin (``rights/viewsets.py``)."""

from wagtail import hooks

from lms.privacy.rights.viewsets import ErasureViewSet

hooks.register("register_admin_viewset", ErasureViewSet)
