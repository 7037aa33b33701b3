"""Colleagues opening a round at the same moment, on PostgreSQL: one round opens, the
others are told one is open, nobody gets an error page."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lms.transition.assessment.models import Round
from tests.pathway.test_concurrency import run_together
from tests.transition.assessment.conftest import colleague

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
    ),
]


def test_five_colleagues_opening_a_round_together_open_one(organisation, questionnaire):
    people = [colleague(organisation) for _ in range(5)]
    statuses = []

    def open_for(person):
        def run():
            client = Client()
            client.force_login(person)
            statuses.append(client.post(reverse("assessment_round_open")).status_code)

        return run

    errors = run_together([open_for(person) for person in people])

    assert errors == []
    assert statuses == [302] * 5
    assert Round.objects.filter(organisation=organisation).count() == 1
