"""Factories for the records tests build; each one makes a valid record by default."""

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from lms.accounts.models import Organisation, Region, User
from lms.accounts.roles import role_group

PASSWORD = "un-mot-de-passe-solide-42"


def region(slug: str = "grand-montreal") -> Region:
    """Return one of the regions the migration loads."""
    return Region.objects.get(slug=slug)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisme communautaire {n}")
    region = factory.LazyFunction(region)
    status = Organisation.Status.CONFIRMED


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = "Camille"
    last_name = "Tremblay"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """A verified primary address, as allauth expects of people who can log in."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        for key in extracted or ():
            obj.groups.add(role_group(key))


# --- Pages -----------------------------------------------------------------------------


def home_page():
    from courses.models import PathwayHomePage

    return PathwayHomePage.objects.get(locale__language_code="fr")


def publish(parent, page):
    """Add ``page`` under ``parent`` and publish it, as an author would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def level_page(number=2, **fields):
    from courses.models import LevelPage

    defaults = {
        "title": f"Niveau {number}",
        "slug": f"niveau-{number}",
        "number": number,
        "audience": "<p>Les organismes sélectionnés.</p>",
        "bursary_name": "Bourse d'accélération",
        "bursary_ceiling": 15000,
        "completion": "<p>Terminer les modules obligatoires.</p>",
    }
    return publish(home_page(), LevelPage(**{**defaults, **fields}))


def course_page(level=None, **fields):
    from courses.models import CoursePage

    level = level or level_page()
    defaults = {"title": "Formation de 12 semaines", "slug": "formation"}
    return publish(level, CoursePage(**{**defaults, **fields}))


def quiz_block(multiple=False):
    return {
        "question": "Laquelle est un renseignement personnel ?",
        "multiple": multiple,
        "choices": [
            {"text": "Le nombre de repas servis", "correct": False},
            {"text": "L'adresse d'une personne", "correct": True},
        ],
        "explanation": "<p>Une adresse identifie une personne.</p>",
    }


def module_page(course, week=1, **fields):
    import uuid

    from courses.models import ModulePage

    defaults = {
        "title": f"Module de la semaine {week}",
        "slug": f"module-{week}-{uuid.uuid4().hex[:6]}",
        "week": week,
        "duration_minutes": 45,
        "objectives": "<ul><li>Comprendre</li></ul>",
        "body": [
            ("text", "<p>Les données racontent ce que fait un organisme.</p>"),
            ("reflection", {"prompt": "Quelles données gardez-vous ?", "guidance": ""}),
            ("quiz", quiz_block()),
            ("checklist", {"title": "À essayer", "items": ["Lister les outils", "Trier"]}),
        ],
    }
    return publish(course, ModulePage(**{**defaults, **fields}))


def block_id(page, block_type):
    return str(next(b.id for b in page.body if b.block_type == block_type))


def translate(page, **fields):
    """Publish an English translation of ``page`` (its parent must be translated)."""
    from wagtail.models import Locale

    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    english.refresh_from_db()
    return english


def webinar_page(level=None, sessions=(), **fields):
    """A published webinar under ``level`` (a new level 1 by default), with sessions given
    as dicts of WebinarSession fields."""
    from webinars.models import WebinarPage, WebinarSession

    level = level or level_page(number=1, slug="sensibilisation", bursary_ceiling=5000)
    defaults = {
        "title": "Webinaire de sensibilisation",
        "slug": "webinaire",
        "description": "<p>Deux heures pour comprendre la transition numérique.</p>",
    }
    page = WebinarPage(**{**defaults, **fields})
    for values in sessions:
        page.sessions.add(
            WebinarSession(**{"meeting_url": "https://visio.exemple.test/abc", **values})
        )
    return publish(level, page)


def video_document(name="rediffusion.mp4", content=b"\x00\x00\x00\x18ftypmp42"):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document
