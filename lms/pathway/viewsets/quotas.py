"""Bursary quotas: planned, used and left per level; eligibilities per region."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from lms.admin_ui import (
    PermissionMenuItem,
)
from lms.pathway.models import PathwaySettings
from lms.pathway.staff.selectors import (
    quota_report,
)
from lms.pathway.viewsets.eligibilities import CHANGE_SETTINGS, ELIGIBILITIES, VIEW_ELIGIBILITY


class QuotaReportView(WagtailAdminTemplateMixin, TemplateView):
    """Bursaries planned, used and left per level; eligibilities counted per region."""

    permission = VIEW_ELIGIBILITY
    template_name = "pathway/admin/quotas.html"
    page_title = _("Bursary quotas")
    header_icon = "table"
    eligibilities_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = quota_report(request=self.request)
        context.update(
            {
                "report": report,
                "levels": report.levels,
                "eligibilities_url": reverse(self.eligibilities_url_name),
                "settings_url": (
                    reverse("wagtailsettings:edit", args=["pathway", "pathwaysettings"])
                    if self.request.user.has_perm(CHANGE_SETTINGS)
                    else None
                ),
                "rules_version": PathwaySettings.load(request_or_site=self.request).rules_version,
            }
        )
        return context


class QuotaReportViewSet(ViewSet):
    name = "pathway_quotas"
    url_prefix = "pathway/quotas"
    icon = "table"
    menu_label = _("Quotas")
    menu_item_class = type("QuotaMenuItem", (PermissionMenuItem,), {"permission": VIEW_ELIGIBILITY})

    def get_urlpatterns(self):
        view = QuotaReportView.as_view(eligibilities_url_name=f"{ELIGIBILITIES}:index")
        return [path("", view, name="index")]
