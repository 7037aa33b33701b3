"""Replace Wagtail's welcome page with the pathway home, in French, and add English."""

import uuid

from django.db import migrations


def create_pathway_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    PathwayHomePage = apps.get_model("courses", "PathwayHomePage")

    french, _ = Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    if PathwayHomePage.objects.exists():
        return

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2, slug="home").delete()
    root = Page.objects.get(depth=1)

    home_type, _ = ContentType.objects.get_or_create(app_label="courses", model="pathwayhomepage")
    siblings = Page.objects.filter(depth=2).values_list("path", flat=True)
    position = max((int(path[-4:], 36) for path in siblings), default=0) + 1
    home = PathwayHomePage.objects.create(
        title="Parcours DATAide",
        draft_title="Parcours DATAide",
        slug="accueil",
        content_type=home_type,
        path=f"{root.path}{position:04d}",  # treebeard's base-36 step; under 10 here
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=french,
        translation_key=uuid.uuid4(),
        live=True,
        intro=(
            "<p>Se former pour réussir la transition numérique de son organisme : "
            "un webinaire de sensibilisation, une formation de 12 semaines et un "
            "laboratoire de leadership.</p>"
        ),
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page_id=home.pk,
        is_default_site=True,
        site_name="DATAide",
    )


def remove_pathway_home(apps, schema_editor):
    apps.get_model("courses", "PathwayHomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_pathway_home, remove_pathway_home)]
