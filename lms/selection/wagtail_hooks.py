"""Registers the admin of calls and applications (``viewsets``)."""

from wagtail import hooks

from lms.selection.viewsets import SelectionGroup, register_log_actions

hooks.register("register_admin_viewset", SelectionGroup)
hooks.register("register_log_actions", register_log_actions)
