from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.accounts.models import Organisation, Region


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

    def get_queryset(self, request):
        return Organisation.objects.select_related("region")


class PeopleGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, RegionViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"
