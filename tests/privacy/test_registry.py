"""The registry of personal information is complete (as Moodle's provider test): every
installed model that holds a person's data, or a link to a person, is declared, and each
declaration names fields that exist and says why it keeps what it keeps."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist

from lms.privacy import registry
from lms.privacy.models import Purpose
from lms.privacy.registry import Basis, Erasure, entries, entry_for, holds_personal_data


def _resolve(model, path: str) -> None:
    """Follow ``path`` ("member__person") from ``model``; raise when a step is missing."""
    for part in path.split("__"):
        model_field = model._meta.get_field(part)
        model = model_field.related_model or model


def _user_links(model) -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and f.is_relation and f.related_model is user_model
    ]


def test_every_model_with_personal_data_is_declared():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if holds_personal_data(model) and entry_for(model) is None
    ]
    assert missing == [], f"Not in the privacy registry: {', '.join(missing)}"


def test_every_link_to_a_person_is_a_person_or_an_actor_field():
    untold = []
    for entry in entries():
        declared = {name.split("__")[0] for name in entry.person_fields + entry.actor_fields}
        for name in _user_links(entry.model_class):
            if name not in declared:
                untold.append(f"{entry.model}.{name}")
    assert untold == [], f"Links to a person that the registry does not name: {untold}"


@pytest.mark.parametrize("entry", entries(), ids=lambda entry: entry.model)
def test_each_declaration_names_fields_that_exist(entry):
    model = entry.model_class
    names = [
        *entry.person_fields,
        *entry.actor_fields,
        *entry.anonymise,
        *(entry.export_fields or ()),
        *([entry.retention_field] if entry.retention_field else []),
    ]
    for name in names:
        try:
            _resolve(model, name)
        except FieldDoesNotExist:
            pytest.fail(f"{entry.model} has no field {name!r}")


@pytest.mark.parametrize("entry", entries(), ids=lambda entry: entry.model)
def test_each_declaration_says_why_and_how(entry):
    assert entry.basis in Basis.values, entry.model
    assert entry.erasure in Erasure.values, entry.model
    assert str(entry.label) and str(entry.purpose) and str(entry.retention), entry.model
    assert str(entry.seen_by), entry.model
    if entry.erasure in (Erasure.ANONYMISE, Erasure.KEEP):
        assert str(entry.keep_reason), f"{entry.model} keeps rows without saying why"
    if entry.basis == Basis.CONSENT:
        assert entry.consent_purpose in Purpose.values, f"{entry.model} names no purpose"
    if entry.retention_days is not None:
        assert entry.retention_field, f"{entry.model}: retention by age needs its field"
    if entry.anonymise:
        assert entry.erasure == Erasure.ANONYMISE, entry.model


def test_the_account_is_erased_last_and_anonymised():
    user_entry = entry_for(apps.get_model(settings.AUTH_USER_MODEL))
    assert user_entry.erasure == Erasure.ANONYMISE
    assert {"first_name", "last_name", "email", "password"} <= set(user_entry.anonymise)
    later = [e.model for e in entries() if e.order > user_entry.order]
    # Only the erasure's own record (its proof) comes after the account.
    assert later == ["privacy.AccountErasure"]


def test_enforced_retention_covers_what_the_issue_lists():
    by_model = {e.model: e for e in entries() if e.retention_days is not None}
    for model in (
        "accounts.User",  # unconfirmed sign-ups
        "webinars.AttendanceImport",  # reports' files and their unmatched addresses
        "cohorts.FacilitatorAccess",
        "selection.ApplicationAccess",
        "outbox.OutboxMessage",
        "privacy.DataExport",
    ):
        assert model in by_model, model


def test_a_model_missing_from_the_registry_is_named(monkeypatch):
    """The completeness test names the model it misses (here, one taken out on purpose)."""
    monkeypatch.delitem(registry._REGISTRY, "courses.ModuleFeedback")
    missing = [
        m._meta.label for m in apps.get_models() if holds_personal_data(m) and not entry_for(m)
    ]
    assert missing == ["courses.ModuleFeedback"]
