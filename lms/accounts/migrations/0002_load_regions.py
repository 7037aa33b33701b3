"""Load the regional Centraide territories that run the programme (editable data)."""

from django.db import migrations

REGIONS = [
    ("grand-montreal", "Grand Montréal"),
    ("quebec-chaudiere-appalaches", "Québec et Chaudière-Appalaches"),
    ("bas-saint-laurent", "Bas-Saint-Laurent"),
    ("centre-ouest", "Centre-Ouest du Québec"),
    ("estrie", "Estrie"),
    ("outaouais", "Outaouais"),
    ("laurentides", "Laurentides"),
    ("richelieu-yamaska", "Richelieu-Yamaska"),
    ("saguenay-lac-saint-jean", "Saguenay–Lac-Saint-Jean"),
    ("gaspesie-iles-de-la-madeleine", "Gaspésie–Îles-de-la-Madeleine"),
    ("cote-nord", "Côte-Nord"),
]


def load_regions(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    for order, (slug, name) in enumerate(REGIONS, start=1):
        Region.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def unload_regions(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    Region.objects.filter(slug__in=[slug for slug, _ in REGIONS], organisations=None).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load_regions, unload_regions)]
