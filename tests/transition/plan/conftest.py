"""Fixtures of the transition plan's tests: an organisation seated in a level-2 cohort,
its learners, a contact person, the cohort's facilitator, and a complete plan."""

import pytest
from django.urls import reverse

from lms.accounts.models import OrganisationContact
from lms.transition.plan.document import ROW_FIELDS
from tests.cohorts.builders import admit, make_cohort
from tests.factories import OrganisationFactory, UserFactory, course_page, module_page


def complete_content(**changes) -> dict:
    """A plan that can be submitted: every part filled, one risk to people's data."""
    content = {
        "situation": "<p>Nos ordinateurs ont sept ans; les dossiers sont sur papier.</p>",
        "priorities": ["Protéger les données des personnes accueillies"],
        "actions": [
            {
                "title": "Acheter deux portables",
                "responsible": "Nguyễn Thị Ánh",
                "starts_on": "2026-10-01",
                "ends_on": "2026-10-31",
                "budget": 4000,
                "category": "equipment",
            },
            {
                "title": "Licences de la suite bureautique",
                "responsible": "Дмитрий Ελένη",
                "starts_on": "2026-11-01",
                "ends_on": "2027-10-31",
                "budget": 1200,
                "category": "software",
            },
        ],
        "risks": [
            {
                "description": "Fuite des coordonnées des personnes accueillies",
                "mitigation": "Chiffrer les portables",
                "about_people_data": True,
            }
        ],
        "indicators": [
            {
                "name": "Dossiers numérisés",
                "baseline": "0 %",
                "target": "80 %",
                "source": "Registre interne",
                "frequency": "Chaque mois",
            }
        ],
    }
    return {**content, **changes}


def form_data(content: dict, *, revision: int, then: str = "") -> dict:
    """What the plan's page posts for ``content``, as a browser sends it."""
    data = {"revision": revision, "situation": content["situation"], "then": then}
    rows = {
        "priorities": [{"text": text} for text in content["priorities"]],
        **{section: content[section] for section in ROW_FIELDS},
    }
    for section, items in rows.items():
        # One empty row more, as the page shows, but never a fourth priority.
        data[f"{section}-TOTAL_FORMS"] = len(items) + (section != "priorities" or len(items) < 3)
        data[f"{section}-INITIAL_FORMS"] = len(items)
        for index, row in enumerate(items):
            for name, value in row.items():
                if value is None or value is False:
                    continue
                data[f"{section}-{index}-{name}"] = "on" if value is True else value
    return data


@pytest.fixture
def programme(db):
    """The level-2 course (two required modules), a cohort with its facilitator, and an
    organisation seated in it with two learners, one of them its contact person."""
    course = course_page()
    modules = [module_page(course, week=1), module_page(course, week=2)]
    facilitator = UserFactory(roles=["facilitator"], first_name="Élise", last_name="Côté")
    cohort = make_cohort(course, facilitators=[facilitator])
    organisation = OrganisationFactory(name="Café & co <b>")
    admit(cohort, organisation=organisation, by=UserFactory(roles=["staff"]))
    learner = UserFactory(organisation=organisation, roles=["learner"], first_name="Ánh")
    colleague = UserFactory(organisation=organisation, roles=["learner"], first_name="Дмитрий")
    OrganisationContact.objects.create(organisation=organisation, person=learner)
    return {
        "course": course,
        "modules": modules,
        "cohort": cohort,
        "facilitator": facilitator,
        "organisation": organisation,
        "learner": learner,
        "colleague": colleague,
    }


@pytest.fixture
def plan_url():
    return reverse("plan_edit")


def logged_in(client, user):
    client.force_login(user)
    return client
