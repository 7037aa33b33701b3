"""Load demonstration data into an empty database; safe to run again."""

import unicodedata

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from courses.models import PathwayHomePage
from lms.accounts.models import Organisation, OrganisationContact, Region, User
from lms.accounts.roles import role_group
from lms.demo.courses import pathway_demo_load

#: Shared by every demo account; printed by ``make demo`` and written in the README.
DEMO_PASSWORD = "DATAide-demo-2026"  # noqa: S105 - demonstration data only

DEMO_ORGANISATIONS = [
    ("Cuisines collectives du Plateau", "grand-montreal", "1145678901"),
    ("Maison des jeunes de Limoilou", "quebec-chaudiere-appalaches", ""),
    ("Centre d'action bénévole de Rimouski", "bas-saint-laurent", "1160000017"),
    ("Comptoir alimentaire de Trois-Rivières", "centre-ouest", ""),
    ("Carrefour des femmes de Sherbrooke", "estrie", "3312345678"),
    ("Entraide familiale de Gatineau", "outaouais", ""),
    ("Popote roulante de Saint-Jérôme", "laurentides", ""),
    ("Alphabétisation Saint-Hyacinthe", "richelieu-yamaska", "1171234567"),
    ("Coopérative de solidarité du Fjord", "saguenay-lac-saint-jean", ""),
    ("Maison de la famille de Gaspé", "gaspesie-iles-de-la-madeleine", ""),
    ("Ressource d'hébergement de Baie-Comeau", "cote-nord", ""),
    ("Réseau d'entraide d'Hochelaga", "grand-montreal", ""),
]

#: (e-mail, first name, last name, roles, organisation index or None, superuser)
DEMO_ACCOUNTS = [
    ("apprenante@dataide.test", "Camille", "Tremblay", ["learner"], 0, False),
    ("autrice@dataide.test", "Sophie", "Gagnon", ["author"], None, False),
    ("animateur@dataide.test", "Mathieu", "Roy", ["facilitator"], None, False),
    ("equipe@dataide.test", "Nadia", "Côté", ["staff"], None, False),
    ("admin@dataide.test", "Alex", "Bouchard", [], None, True),
]


def demo_email(first: str, last: str) -> str:
    """Return a demo learner's address: ASCII local part, so it is valid and logs in."""
    local = f"{first}.{last}".lower()
    return unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode() + (
        "@dataide.test"
    )


class Command(BaseCommand):
    help = (
        "Load the demonstration organisations, accounts, English home page and pathway "
        "(levels, the 12-week course, the leadership lab, partly in English)."
    )

    def handle(self, *args, **options):
        if User.objects.exists():
            self.stdout.write("La base contient déjà des données : rien n'est chargé.")
        else:
            with transaction.atomic():
                self._load()
            self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self._print_accounts()

    def _load(self):
        regions = {r.slug: r for r in Region.objects.all()}
        organisations = [
            Organisation.objects.create(
                name=name,
                region=regions[slug],
                neq=neq,
                status=Organisation.Status.CONFIRMED,
            )
            for name, slug, neq in DEMO_ORGANISATIONS
        ]
        for email, first, last, roles, org_index, superuser in DEMO_ACCOUNTS:
            manager = User.objects.create_superuser if superuser else User.objects.create_user
            user = manager(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                organisation=organisations[org_index] if org_index is not None else None,
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            for role in roles:
                user.groups.add(role_group(role))
            if org_index is not None:
                OrganisationContact.objects.create(
                    organisation=organisations[org_index], person=user, position="Coordonnatrice"
                )
        self._translate_home()
        pathway_demo_load(author=User.objects.get(email="autrice@dataide.test"))
        self._cohort()
        self._learner_history()

    def _cohort(self):
        """A level-2 cohort that started three weeks ago, facilitated by the demo
        facilitator, with half the demo organisations seated."""
        from datetime import timedelta

        from cohorts.models import Cohort
        from cohorts.services import seat_admit
        from courses.models import CoursePage
        from webinars.models import WebinarSession

        course = CoursePage.objects.filter(locale__language_code="fr", format="course").first()
        if course is None:
            return
        staff = User.objects.get(email="equipe@dataide.test")
        start = timezone.localdate() - timedelta(weeks=3)
        cohort = Cohort.objects.create(
            name="Cohorte de démonstration",
            course=course,
            starts_on=start - timedelta(start.weekday()),
        )
        cohort.facilitators.add(User.objects.get(email="animateur@dataide.test"))
        cohort.sessions.set(WebinarSession.objects.all())
        cohort.save()  # parental many-to-many relations are written on save
        for organisation in Organisation.objects.order_by("pk")[:6]:
            seat_admit(cohort=cohort, actor=staff, organisation=organisation)
        self._cohort_learners(course, start)

    def _cohort_learners(self, course, start):
        """Learners of the seated organisations, at different points of the course, so
        that the facilitator's grid shows progress, lateness and inactivity."""
        from datetime import timedelta

        from courses.models import ModuleCompletion, ModulePage

        modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
        people = [
            ("Léa", "Bergeron", 1, 5), ("Karim", "Haddad", 1, 1), ("Julie", "Pelletier", 2, 4),
            ("Marc", "Lavoie", 3, 0), ("Awa", "Diallo", 4, 3), ("Simon", "Gauthier", 5, 2),
        ]  # fmt: skip
        organisations = list(Organisation.objects.order_by("pk")[:6])
        for first, last, org_index, done in people:
            email = demo_email(first, last)
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, first_name=first, last_name=last,
                organisation=organisations[org_index],
            )  # fmt: skip
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            user.groups.add(role_group("learner"))
            for position, module in enumerate(modules[:done]):
                ModuleCompletion.objects.create(
                    learner=user, module=module, module_title=module.title,
                    revision_id=module.live_revision_id, source="demo",
                )  # fmt: skip
                ModuleCompletion.objects.filter(learner=user, module=module).update(
                    completed_at=timezone.make_aware(
                        timezone.datetime.combine(start, timezone.datetime.min.time())
                    )
                    + timedelta(days=3 + 4 * position)
                )

    def _learner_history(self):
        """The demo learner attended last week's live session: level 1 is complete and
        her organisation eligible for the seed bursary, as a learner would see it."""
        from webinars.models import WebinarSession
        from webinars.services import attendance_mark

        past = WebinarSession.objects.filter(starts_at__lt=timezone.now()).first()
        if past is not None:
            attendance_mark(
                session=past,
                learner=User.objects.get(email="apprenante@dataide.test"),
                minutes_present=past.duration_minutes,
                recorded_by=User.objects.get(email="equipe@dataide.test"),
                reason="Présente du début à la fin (démonstration).",
            )

    def _translate_home(self):
        english = Locale.objects.get(language_code="en")
        for home in PathwayHomePage.objects.filter(locale__language_code="fr"):
            if home.get_translation_or_none(english) is None:
                translation = home.copy_for_translation(english)
                translation.title = "DATAide pathway"
                translation.intro = (
                    "<p>Learn to lead your organisation's digital transition: an awareness "
                    "webinar, a 12-week course and a leadership lab.</p>"
                )
                translation.save_revision().publish()

    def _print_accounts(self):
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD})")
        for email, _first, _last, roles, _org, superuser in DEMO_ACCOUNTS:
            label = "administrateur" if superuser else ", ".join(roles)
            self.stdout.write(f"  {email:28} {label}")
        self.stdout.write("")
