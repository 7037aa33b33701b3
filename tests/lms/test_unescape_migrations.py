"""The data migrations that bring escaped feedback and review requests back to as typed."""

import importlib

import pytest
from django.apps import apps

from tests.courses.admin_helpers import course_tree, feedback
from tests.pathway.staff_helpers import review_request


def run(module: str, function: str) -> None:
    getattr(importlib.import_module(module), function)(apps, None)


@pytest.mark.django_db
def test_stored_escaped_text_is_unescaped_once():
    module = course_tree()[1][0]
    escaped = feedback(module, comment="Café &amp; jeunes d&#x27;ici &lt;3")
    untouched = feedback(module, comment="Déjà tel que tapé")
    request = review_request(message="J&#x27;étais là &amp; bien là")

    run("courses.migrations.0005_unescape_feedback_comments", "unescape_comments")
    run("lms.pathway.migrations.0006_unescape_review_request_messages", "unescape_messages")

    escaped.refresh_from_db()
    untouched.refresh_from_db()
    request.refresh_from_db()
    assert escaped.comment == "Café & jeunes d'ici <3"
    assert untouched.comment == "Déjà tel que tapé"
    assert request.message == "J'étais là & bien là"
