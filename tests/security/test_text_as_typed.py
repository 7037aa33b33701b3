"""Every place that accepts text keeps what the person typed (a ``<`` is not eaten:
"Mathieu Roy <animateur@exemple.org>" keeps its address) and shows it escaped once;
the one sanitising function (``content/sanitize.py``) is the only importer of bleach
(``tests/content/test_sanitize.py::test_only_the_sanitize_module_imports_bleach``)."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from cohorts.models import CohortMessage
from courses.models import ModuleFeedback
from lms.accounts.models import Organisation
from lms.accounts.services import organisation_propose
from lms.selection.models import BudgetLine
from lms.selection.services import application_save
from lms.transition.plan.models import BursaryCategory, TransitionPlan
from lms.transition.plan.services import plan_save
from tests.factories import UserFactory, region
from tests.security.world import build_world
from tests.transition.plan.conftest import complete_content

pytestmark = pytest.mark.django_db

TYPED = "Mathieu Roy <animateur@exemple.org> & « 3 < 5 »"
#: What the page's HTML holds for it: escaped once, never twice.
SHOWN = "Mathieu Roy &lt;animateur@exemple.org&gt; &amp; « 3 &lt; 5 »"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_shown_once(html: str):
    assert SHOWN in html
    assert "&amp;lt;" not in html and "<animateur@" not in html


@pytest.fixture
def world(db):
    return build_world()


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_message_to_a_cohort_keeps_its_address(world):
    staff = world.people["staff"]
    client = signed_in(staff)
    url = reverse("cohorts_message", args=[world.records.cohort.pk])

    response = client.post(url, {"audience": "all", "subject": TYPED, "body": TYPED})

    assert response.status_code == 302
    message = CohortMessage.objects.latest("pk")
    assert message.subject == TYPED and message.body == TYPED
    assert_shown_once(page(client, reverse("cohorts_message_list", args=[world.records.cohort.pk])))


def test_an_organisation_name_keeps_its_angle_brackets(db):
    organisation = organisation_propose(name=f"Café {TYPED}", region=region())
    member = UserFactory(organisation=organisation, roles=["learner"])

    assert Organisation.objects.get(pk=organisation.pk).name == f"Café {TYPED}"
    assert_shown_once(page(signed_in(member), reverse("accounts_profile")))


def test_a_module_feedback_keeps_what_was_typed(world):
    learner = world.people["learner"]
    module = world.records.module

    signed_in(learner).post(
        module.url, {"action": "feedback", "rating": "4", "comment": TYPED, "show_name": "on"}
    )

    assert ModuleFeedback.objects.get(learner=learner).comment == TYPED
    author = signed_in(world.people["author"])
    assert_shown_once(page(author, "/admin/reports/module-feedback/"))


def test_an_application_description_keeps_what_was_typed(world):
    application = world.records.application
    person = world.people["learner"]
    application.state = application.State.DRAFT
    application.save(update_fields=["state"])

    application_save(
        application=application, person=person, title="Projet", summary=TYPED,
        description=TYPED,
        lines=[BudgetLine(category=BursaryCategory.choices[0][0], description=TYPED,
                          amount=Decimal("1000"))],
    )  # fmt: skip

    application.refresh_from_db()
    assert application.description == TYPED and application.summary == TYPED
    assert_shown_once(
        page(signed_in(person), reverse("selection_application", args=[application.pk]))
    )


def test_a_plan_keeps_what_was_typed(world):
    organisation = world.records.organisation
    person = world.people["learner"]
    plan, _ = TransitionPlan.objects.get_or_create(organisation=organisation)
    content = complete_content()
    content["priorities"] = [TYPED]
    content["actions"][0]["responsible"] = TYPED

    plan_save(organisation=organisation, user=person, base_revision=plan.revision, content=content)

    assert list(plan.priorities.values_list("text", flat=True)) == [TYPED]
    assert plan.actions.order_by("pk").first().responsible == TYPED
    assert_shown_once(page(signed_in(person), reverse("plan_edit")))


def test_no_template_turns_escaping_off_for_typed_text():
    """``|safe`` and ``autoescape off`` only where the HTML comes from the sanitiser or
    from code: each use is listed here, so a new one is looked at."""
    root = Path(__file__).resolve().parents[2]
    uses = sorted(
        p.relative_to(root).as_posix()
        for p in (root / "templates").rglob("*.html")
        if "autoescape off" in p.read_text()
    )
    assert uses == [], uses


def test_bleach_is_imported_by_the_sanitiser_alone():
    """Read as Python (``import bleach as b``, ``from bleach.sanitizer import …`` count),
    in every package of the project."""
    root = Path(__file__).resolve().parents[2]
    importers = set()
    for folder in ("lms", "courses", "cohorts", "webinars", "content"):
        for path in (root / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(name == "bleach" or name.startswith("bleach.") for name in names):
                    importers.add(path.relative_to(root).as_posix())
    assert importers == {"content/sanitize.py"}
