"""Registers the admin of calls and applications (``viewsets``)."""

from wagtail import hooks

from lms.selection.viewsets import SelectionGroup

hooks.register("register_admin_viewset", SelectionGroup)
