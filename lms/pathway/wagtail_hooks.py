from wagtail import hooks

from lms.pathway.viewsets import BursariesGroup, register_log_actions

hooks.register("register_admin_viewset", BursariesGroup)
hooks.register("register_log_actions", register_log_actions)
