"""Concurrent requests on PostgreSQL: two saves on one revision, one saved and one
refused; ten submissions, one version, one eligibility, each completion once."""

import pytest
from django.db import connection
from django.test import Client

from courses.services import module_complete
from lms.pathway.models import BursaryEligibility, LevelCompletion
from lms.transition.plan.models import PlanVersion, TransitionPlan
from tests.pathway.test_concurrency import run_together
from tests.transition.plan.conftest import complete_content, form_data

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
    ),
]


def test_two_saves_on_the_same_revision_one_saved_one_refused(programme, plan_url):
    first = Client()
    first.force_login(programme["learner"])
    first.post(plan_url, form_data(complete_content(), revision=0))
    statuses = []

    def save(user, priority):
        def run():
            client = Client()
            client.force_login(user)
            content = complete_content(priorities=[priority])
            statuses.append(client.post(plan_url, form_data(content, revision=1)).status_code)

        return run

    errors = run_together(
        [save(programme["learner"], "Former l'équipe"), save(programme["colleague"], "Numériser")]
    )

    assert errors == []
    assert sorted(statuses) == [302, 409]
    plan = TransitionPlan.objects.get()
    assert plan.revision == 2
    assert plan.revisions.count() == 2


def test_ten_submissions_make_one_version_one_eligibility_each_completion_once(programme, plan_url):
    learner, colleague = programme["learner"], programme["colleague"]
    for module in programme["modules"]:
        module_complete(learner=learner, module=module)
        module_complete(learner=colleague, module=module)
    starter = Client()
    starter.force_login(learner)
    starter.post(plan_url, form_data(complete_content(), revision=0))

    def submit(user):
        def run():
            client = Client()
            client.force_login(user)
            response = client.post(
                plan_url, form_data(complete_content(), revision=1, then="submit")
            )
            assert response.status_code == 302

        return run

    errors = run_together([submit(learner), submit(colleague)] * 5)

    assert errors == []
    assert PlanVersion.objects.count() == 1
    assert BursaryEligibility.objects.filter(level=2).count() == 1
    assert LevelCompletion.objects.filter(level=2, learner=learner).count() == 1
    assert LevelCompletion.objects.filter(level=2, learner=colleague).count() == 1
    version = PlanVersion.objects.get()
    records = BursaryEligibility.objects.get(level=2).evidence["records"]
    plan = next(r for r in records if r["kind"] == "transition_plan")
    assert (plan["id"], plan["version"]) == (version.pk, 1)
