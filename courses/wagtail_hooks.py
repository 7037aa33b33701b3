from wagtail import hooks

from courses.viewsets import (
    module_feedback_menu_item,
    refuse_bulk_deleting_completed_pages,
    refuse_deleting_completed_page,
    report_urlpatterns,
    translation_menu_item,
)

hooks.register("register_admin_urls", report_urlpatterns)
hooks.register("register_reports_menu_item", module_feedback_menu_item)
hooks.register("register_reports_menu_item", translation_menu_item)
hooks.register("before_delete_page", refuse_deleting_completed_page)
hooks.register("before_bulk_action", refuse_bulk_deleting_completed_pages)
