"""Writing many rows at once (``lms.bulk``), on SQLite and on PostgreSQL alike: what is
read back is what was given, accents, JSON and all, each row its own key."""

import gc

import pytest
from django.utils import timezone

from cohorts.models import Cohort, FacilitatorAccess
from lms.bulk import (
    collections_paused,
    row_insert,
    row_read,
    row_update_if,
    rows_insert,
    rows_insert_new,
    rows_update,
)
from lms.outbox.models import OutboxMessage
from lms.pathway.models import LevelCompletion
from tests.factories import OrganisationFactory, UserFactory, course_page

pytestmark = pytest.mark.django_db

TYPED = {"nom": "Café « été » & <fils> 刘", "n": 3, "liste": [1, None]}


def test_rows_are_inserted_each_with_its_key_and_its_values_as_given():
    rows = [
        OutboxMessage(kind="k", dedupe_key=f"d{n}", payload={**TYPED, "n": n}) for n in range(5)
    ]
    rows_insert(rows)
    assert all(row.pk is not None and not row._state.adding for row in rows)
    for row in rows:
        stored = OutboxMessage.objects.get(pk=row.pk)
        assert (stored.dedupe_key, stored.payload) == (row.dedupe_key, row.payload)
        assert stored.created_at is not None and stored.attempts == 0


def test_only_new_values_are_inserted_and_said():
    OutboxMessage.objects.create(kind="k", dedupe_key="there", payload={"old": True})
    added = rows_insert_new(
        objs=[OutboxMessage(kind="k", dedupe_key=key, payload=TYPED) for key in ("there", "new")],
        unique="dedupe_key",
    )
    assert list(added) == ["new"]
    assert OutboxMessage.objects.get(dedupe_key="there").payload == {"old": True}
    assert OutboxMessage.objects.get(pk=added["new"]).payload == TYPED


def test_only_new_pairs_are_inserted_under_a_constraint_of_two_fields():
    ana, ben = UserFactory(), UserFactory()
    now = timezone.now()
    LevelCompletion.objects.create(learner=ana, level=1, completed_at=now, rules_version="a")

    def completion(learner, level):
        return LevelCompletion(learner=learner, level=level, completed_at=now, rules_version="b")

    added = rows_insert_new(
        objs=[completion(ana, 1), completion(ana, 2), completion(ben, 1)],
        unique=("learner", "level"),
    )
    assert set(added) == {(ana.pk, 2), (ben.pk, 1)}
    assert LevelCompletion.objects.get(learner=ana, level=1).rules_version == "a"
    assert LevelCompletion.objects.get(pk=added[(ben.pk, 1)]).rules_version == "b"


def test_rows_are_updated_each_with_its_own_values():
    rows = [OutboxMessage(kind="k", dedupe_key=f"u{n}", payload={}) for n in range(3)]
    rows_insert(rows)
    for n, row in enumerate(rows):
        row.payload = {**TYPED, "n": n}
        row.attempts = n
    assert rows_update(objs=rows, fields=["payload", "attempts"]) == 3
    assert sorted(OutboxMessage.objects.values_list("attempts", "payload__n")) == [
        (0, 0), (1, 1), (2, 2),
    ]  # fmt: skip


def test_the_cycle_collector_is_paused_for_a_batch_and_back_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collections_paused():
        assert not gc.isenabled()
        raise RuntimeError("the import failed")
    assert gc.isenabled()


def test_a_row_is_read_by_its_unique_fields_as_it_was_written():
    message = OutboxMessage.objects.create(kind="k", dedupe_key="Café-刘", payload=TYPED)
    found = row_read(OutboxMessage, dedupe_key="Café-刘")
    assert (found.pk, found.payload, found.created_at) == (
        message.pk, TYPED, OutboxMessage.objects.get(pk=message.pk).created_at
    )  # fmt: skip
    assert row_read(OutboxMessage, dedupe_key="absent") is None


def test_a_row_is_written_only_if_nobody_wrote_it_since_it_was_read():
    OutboxMessage.objects.create(kind="k", dedupe_key="cas", payload={})
    read = row_read(OutboxMessage, dedupe_key="cas")
    seen = read.created_at
    read.payload = TYPED
    assert row_update_if(read, fields=["payload"], expected={"created_at": seen})
    assert OutboxMessage.objects.get(pk=read.pk).payload == TYPED

    OutboxMessage.objects.filter(pk=read.pk).update(created_at=timezone.now())  # another write
    read.payload = {"stale": True}
    assert not row_update_if(read, fields=["payload"], expected={"created_at": seen})
    assert OutboxMessage.objects.get(pk=read.pk).payload == TYPED


def test_one_row_is_inserted_with_what_save_would_fill():
    cohort = Cohort.objects.create(
        name="Cohorte « été » 刘", course=course_page(), starts_on=timezone.localdate()
    )
    organisation = OrganisationFactory(name="Café & fils <Laval>")
    access = FacilitatorAccess(
        facilitator=UserFactory(), cohort_id=cohort.pk, view="grid", organisation=organisation
    )
    row_insert(access)
    stored = FacilitatorAccess.objects.get(pk=access.pk)
    assert (stored.cohort, stored.organisation.name) == (cohort, "Café & fils <Laval>")
    assert stored.accessed_at is not None and stored.accessed_at == access.accessed_at
