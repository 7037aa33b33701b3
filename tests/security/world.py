"""The people and records the route walk visits (``test_routes.py``): everything belongs
to Zoé, a learner of another organisation (her cohort, her session's attendance import,
her self-assessment, her plan, her organisation's application, her certificate, a
message to her cohort), and the roles that walk the routes are everyone else.

Built with the apps' own test builders, so that the walk sees records as they really are.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace

from django.utils import timezone

from cohorts.messages.services import cohort_message_send
from lms.pathway.models import Certificate, LevelCompletion
from lms.privacy.rights.services import export_prepare, export_request
from lms.transition.assessment.models import SelfAssessmentPage
from lms.transition.assessment.services import sharing_set
from lms.transition.plan.services import plan_share_set
from tests.cohorts.builders import admit, level2_course, make_cohort
from tests.factories import OrganisationFactory, UserFactory, module_page, publish
from tests.selection.builders import (
    contact,
    make_call,
    make_committee,
    submitted_application,
    submitted_plan,
)
from tests.transition.assessment.conftest import answer, close, dimension, open_round
from tests.transition.plan.conftest import complete_content
from tests.webinars import reports
from tests.webinars.test_attendance_import import new_session, run_import

#: What would tell that a page shows Zoé: her name and her address.
OWNER_FIRST, OWNER_LAST = "Zoé", "Ailleurs-Ωmega"
OWNER_NAME = f"{OWNER_FIRST} {OWNER_LAST}"
OWNER_EMAIL = "zoe.ailleurs@exemple.test"
#: The roles that walk every route.
ROLES = ("anonymous", "learner", "other_learner", "other_facilitator", "author", "staff")


@dataclass
class World:
    people: dict = field(default_factory=dict)
    records: SimpleNamespace = field(default_factory=SimpleNamespace)


def build_world() -> World:
    world = World()
    r = world.records
    course = level2_course()
    r.module = module_page(course, week=1, title="Gouverner les données")
    r.questionnaire = publish(
        course.get_parent(),
        SelfAssessmentPage(
            title="Autodiagnostic de maturité numérique",
            slug="autodiagnostic",
            intro="<p>Un regard critique.</p>",
            dimensions=[dimension("Sécurité"), dimension("Données", data_use=True)],
        ),
    )

    # Zoé's side: her organisation, seated in her cohort, with its session.
    r.organisation = OrganisationFactory(name="Organisme d'ailleurs")
    owner = contact(r.organisation, first_name=OWNER_FIRST, last_name=OWNER_LAST, email=OWNER_EMAIL)
    start = datetime(2026, 3, 10, 14, 0)
    r.session = new_session(timezone.make_aware(start), 90)
    r.facilitator = UserFactory(roles=["facilitator"], first_name="Rémi", last_name="Ouellet")
    r.cohort = make_cohort(
        course, name="Cohorte d'ailleurs", facilitators=[r.facilitator], sessions=[r.session]
    )
    admit(r.cohort, organisation=r.organisation)
    r.attendance_import = run_import(
        r.session,
        by=r.facilitator,
        content=reports.zoom_en(
            [(OWNER_NAME, OWNER_EMAIL, start, start + timedelta(minutes=88))],
            meeting=(start, start + timedelta(minutes=90)),
        ),
    )
    r.message = cohort_message_send(
        cohort=r.cohort,
        sender=r.facilitator,
        audience="all",
        subject="Rappel",
        body=f"Bonjour {OWNER_NAME}",
    )
    r.round = open_round(r.organisation, r.questionnaire)
    r.take = answer(r.round, owner, 3)
    close(r.round)
    sharing_set(organisation=r.organisation, by=owner, shared=True)
    r.plan_version = submitted_plan(r.organisation)
    r.plan_version.content = complete_content()
    r.plan_version.save()
    plan_share_set(organisation=r.organisation, user=owner, shared=True)
    r.call = make_call()
    r.committee = make_committee(r.call)
    r.application = submitted_application(r.call, organisation=r.organisation)
    # Her attendance completed level 1: its certificate.
    completion, _ = LevelCompletion.objects.get_or_create(
        learner=owner, level=1,
        defaults={"completed_at": timezone.now(), "rules_version": "2026.1", "evidence": {}},
    )  # fmt: skip
    r.certificate, _ = Certificate.objects.get_or_create(
        completion=completion, defaults={"language": "fr"}
    )

    # Her data, ready to download from the link she was sent.
    r.export_secret = export_prepare(export=export_request(person=owner))

    # Everyone else: another organisation in another cohort, its facilitator.
    mine = OrganisationFactory(name="Cuisines collectives du Plateau")
    other_learner = contact(mine, first_name="Élise", last_name="Gagnon")
    other_facilitator = UserFactory(roles=["facilitator"], first_name="Ngọc", last_name="Trần")
    r.other_cohort = make_cohort(
        course, name="Cohorte du Plateau", facilitators=[other_facilitator]
    )
    admit(r.other_cohort, organisation=mine)
    world.people = {
        "anonymous": None,
        "learner": owner,
        "other_learner": other_learner,
        "other_facilitator": other_facilitator,
        "author": UserFactory(roles=["author"], first_name="Noémie", last_name="Tremblay"),
        "staff": UserFactory(roles=["staff"], first_name="Hélène", last_name="Desrosiers"),
    }
    return world
