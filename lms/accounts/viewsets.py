from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from lms.accounts.models import Organisation, Region
from lms.accounts.services import organisation_status_recorded


class OrganisationEditView(EditView):
    """Staff confirm or decline a proposed organisation by changing its status here."""

    def save_instance(self):
        status_changed = "status" in self.form.changed_data
        with transaction.atomic():
            instance = super().save_instance()
            if status_changed:
                organisation_status_recorded(organisation=instance, actor=self.request.user)
        return instance


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "region", "neq", "status", "created_at"]
    list_filter = ["status", "region"]
    search_fields = ["name", "neq"]
    search_backend_name = None  # plain database filtering: no index to keep
    list_per_page = 50
    edit_view_class = OrganisationEditView

    def get_queryset(self, request):
        return Organisation.objects.select_related("region")


class PeopleGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, RegionViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"
