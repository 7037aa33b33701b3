"""A person's rights over their data: the download (prepared through the outbox, a link
that works once, after the password, for that person only, until it expires) and the
erasure of their account (cooling-off, cancel, ordered steps that resume after a failure,
records the programme must keep kept without identity, sessions ended, twice = once);
staff ask for it on a person's behalf; retention removes what is kept only for a while."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cohorts.models import FacilitatorAccess
from lms.accounts.models import User
from lms.pathway.models import BursaryEligibility, LevelCompletion
from lms.pathway.services import review_request_create
from lms.privacy.models import AccountErasure, DataExport
from lms.privacy.registry import Erasure, entries
from lms.privacy.rights import services
from lms.privacy.rights.services import erasure_run, erasures_due, retention_enforce
from tests.cohorts.builders import make_cohort
from tests.factories import PASSWORD, OrganisationFactory, UserFactory
from tests.pathway.staff_helpers import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    organisation = OrganisationFactory(name="Entraide « Les Voisin·es »")
    return UserFactory(
        organisation=organisation, roles=["learner"], first_name="Thérèse",
        last_name="Nguyễn", email="therese@exemple.org",
    )  # fmt: skip


@pytest.fixture
def other(db):
    return UserFactory(roles=["learner"], first_name="Ηλέκτρα", email="electra@exemple.org")


def link_in(message) -> str:
    url = re.search(r"https?://\S+/mes-donnees/telechargement/\S+/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def ask_for_data(client, person, capture):
    client.force_login(person)
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(reverse("privacy_export_ask"))
    assert response.status_code == 302
    return link_in(mail.outbox[-1])


def test_the_person_downloads_their_data_once_after_their_password(
    client, person, other, django_capture_on_commit_callbacks
):
    review_request_create(learner=person, level=1, message="Revoir ma présence <svp> & merci")
    review_request_create(learner=other, level=1, message="Message d’une autre personne")
    client.force_login(person)
    page = client.get(reverse("accounts_profile"))
    assert reverse("privacy_my_data") in page.content.decode()
    link = ask_for_data(client, person, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["therese@exemple.org"]
    assert mail.outbox[-1].subject == "[DATAide] Vos données sont prêtes à télécharger"
    export = DataExport.objects.get()
    assert export.status == DataExport.Status.READY and secret_not_kept(export, link)
    page = client.get(link)
    assert (
        page.status_code == 200 and "Tapez de nouveau votre mot de passe" in page.content.decode()
    )
    wrong = client.post(link, {"password": "pas le bon"})
    assert "Ce n’est pas votre mot de passe." in wrong.content.decode()
    response = client.post(link, {"password": PASSWORD})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("donnees.json"))
    text = json.dumps(data, ensure_ascii=False)
    assert "therese@exemple.org" in text and "Nguyễn" in text
    assert "Revoir ma présence <svp> & merci" in text
    assert "electra@exemple.org" not in text and "autre personne" not in text
    assert "LISEZ-MOI.txt" in archive.namelist()
    assert any(name.endswith(".csv") for name in archive.namelist())
    # Once: the file is gone from the database, and the link answers 410.
    export.refresh_from_db()
    assert export.status == DataExport.Status.DOWNLOADED and export.content is None
    assert client.get(link).status_code == 410


def secret_not_kept(export, link) -> bool:
    secret = link.rstrip("/").rsplit("/", 1)[1]
    return secret not in (export.token_hash or "") and len(export.token_hash) == 64


def test_the_link_is_the_person_s_only_and_expires(
    client, person, other, django_capture_on_commit_callbacks
):
    link = ask_for_data(client, person, django_capture_on_commit_callbacks)
    client.force_login(other)
    assert client.get(link).status_code == 410
    assert client.post(link, {"password": PASSWORD}).status_code == 410
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/login/" in response.url
    DataExport.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(person)
    assert client.get(link).status_code == 410
    assert client.post(link, {"password": PASSWORD}).status_code == 410


def make_records(person):
    """Records of ``person`` across the apps: a completion that made the organisation
    eligible, a review request, what the registry lists."""
    eligibility = grant(level=1, organisation=person.organisation, learner=person)
    review_request_create(learner=person, level=1, message="Ma demande")
    return eligibility


def test_the_person_asks_cancels_then_the_account_is_erased_after_the_cooling_off(
    client, person, other, django_capture_on_commit_callbacks
):
    eligibility = make_records(person)
    client.force_login(person)
    url = reverse("privacy_erasure_ask")
    response = client.post(url, {"password": "faux", "confirm": "on"})
    assert "Ce n’est pas votre mot de passe." in response.content.decode()
    assert not AccountErasure.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"password": PASSWORD, "confirm": "on"})
    erasure = AccountErasure.objects.get()
    assert erasure.status == AccountErasure.Status.WAITING
    assert mail.outbox[-1].subject == "[DATAide] Votre compte sera effacé"
    page = client.get(reverse("privacy_my_data")).content.decode()
    assert "Annuler l’effacement" in page
    client.post(reverse("privacy_erasure_cancel"))
    erasure.refresh_from_db()
    assert erasure.status == AccountErasure.Status.CANCELLED
    assert erasures_due(now=timezone.now() + timedelta(days=30)) == 0
    client.post(url, {"password": PASSWORD, "confirm": "on"})
    # Not before the cooling-off period's end.
    assert erasures_due(now=timezone.now() + timedelta(days=13)) == 0
    assert erasures_due(now=timezone.now() + timedelta(days=15)) == 1
    person.refresh_from_db()
    assert person.email.endswith("@efface.invalid") and person.get_full_name() == ""
    assert not person.is_active and not person.has_usable_password()
    assert not person.groups.exists()
    # Its session ended at once.
    response = client.get(reverse("accounts_profile"))
    assert response.status_code == 302 and "/login/" in response.url
    # What the registry says is deleted is gone; what it anonymises is blank.
    for entry in entries():
        if entry.model == "accounts.User" or entry.erase is not None:
            continue
        rows = entry.rows_of(person)
        if entry.erasure == Erasure.DELETE:
            assert not rows.exists(), entry.model
        elif entry.erasure == Erasure.ANONYMISE:
            for name in entry.anonymise:
                blank = None if entry.model_class._meta.get_field(name).null else ""
                assert not rows.exclude(**{name: blank} if blank == "" else {
                    f"{name}__isnull": True}).exists(), (entry.model, name)  # fmt: skip
    # The completion that made the organisation eligible stays, without a name.
    assert LevelCompletion.objects.filter(pk=eligibility.completion_id).exists()
    assert BursaryEligibility.objects.filter(pk=eligibility.pk).exists()
    # Another person's records are untouched.
    other.refresh_from_db()
    assert other.email == "electra@exemple.org" and other.is_active


def test_an_erasure_that_fails_half_way_resumes_and_twice_is_once(person, monkeypatch):
    make_records(person)
    erasure = services.erasure_request(person=person)
    real = services._erase_entry
    failing = {"model": entries()[len(entries()) // 2].model, "times": 1}

    def flaky(entry, who):
        if entry.model == failing["model"] and failing["times"]:
            failing["times"] -= 1
            raise RuntimeError("panne de la base")
        return real(entry, who)

    monkeypatch.setattr(services, "_erase_entry", flaky)
    with pytest.raises(RuntimeError):
        erasure_run(erasure=erasure)
    erasure.refresh_from_db()
    assert erasure.status == AccountErasure.Status.RUNNING
    assert failing["model"] not in erasure.steps_done
    done_before = list(erasure.steps_done)
    assert done_before  # the steps before the failure are kept
    erasure_run(erasure=erasure)
    erasure.refresh_from_db()
    assert erasure.status == AccountErasure.Status.DONE
    assert erasure.steps_done[: len(done_before)] == done_before
    assert erasure.steps_done[-1] == services.ACCOUNT_STEP
    steps = list(erasure.steps_done)
    erasure_run(erasure=erasure)
    erasure.refresh_from_db()
    assert erasure.steps_done == steps and erasure.status == AccountErasure.Status.DONE


def test_staff_ask_for_a_person_s_erasure_in_the_admin(
    client, staff, person, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    assert client.get("/admin/privacy/erasures/").status_code == 200
    response = client.post(
        "/admin/privacy/erasures/ask/", {"email": "inconnue@exemple.org", "confirm": "on"}
    )
    assert "Aucun compte actif n’a cette adresse." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/privacy/erasures/ask/", {"email": "THERESE@exemple.org", "confirm": "on"}
        )
    assert response.status_code == 302
    erasure = AccountErasure.objects.get()
    assert erasure.person == person and erasure.requested_by_staff == staff
    assert mail.outbox[-1].to == ["therese@exemple.org"]


@pytest.mark.parametrize("who", ["learner", "facilitator", "author", "anonymous"])
def test_only_staff_reach_the_erasures_admin(client, who, learner, facilitator, author, person):
    someone = {"learner": learner, "facilitator": facilitator, "author": author}.get(who)
    if someone:
        client.force_login(someone)
    for url in ("/admin/privacy/erasures/", "/admin/privacy/erasures/ask/"):
        assert client.get(url).status_code in (302, 403)
    client.post("/admin/privacy/erasures/ask/", {"email": person.email, "confirm": "on"})
    assert not AccountErasure.objects.exists()


def test_retention_removes_what_is_kept_only_for_a_while(person, facilitator):
    limited = [entry for entry in entries() if entry.retention_days is not None]
    cohort = make_cohort(facilitators=[facilitator])
    old, recent = (
        FacilitatorAccess.objects.create(facilitator=facilitator, cohort=cohort, view="grid")
        for _ in range(2)
    )
    FacilitatorAccess.objects.filter(pk=old.pk).update(
        accessed_at=timezone.now() - timedelta(days=400)
    )
    removed = retention_enforce()
    assert set(removed) == {entry.model for entry in limited}
    assert removed["cohorts.FacilitatorAccess"] == 1
    assert list(FacilitatorAccess.objects.values_list("pk", flat=True)) == [recent.pk]
    # The account of a person who signed up but never confirmed goes after 30 days.
    stale = UserFactory(email="jamais@exemple.org", verified=False)
    User.objects.filter(pk=stale.pk).update(date_joined=timezone.now() - timedelta(days=31))
    retention_enforce()
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk=person.pk).exists()
