"""A facilitator writes to their cohort: who receives it, in which language, what is kept."""

import html as htmllib
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.messages.services import cohort_message_deliver, cohort_message_send
from cohorts.models import CohortMessage
from cohorts.services import seat_remove
from lms.outbox.models import OutboxMessage
from lms.outbox.services import outbox_process
from tests.cohorts.builders import admit, lab_course, make_cohort
from tests.factories import OrganisationFactory, UserFactory


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def facilitator(db):
    return UserFactory(
        first_name="Léa", last_name="Roy", email="lea.roy@nordouvert.test", roles=["facilitator"]
    )


@pytest.fixture
def cohort(facilitator, organisation):
    # Starting today: nobody is behind or idle yet, so nobody is flagged.
    cohort = make_cohort(facilitators=[facilitator], starts_on=timezone.localdate())
    admit(cohort, organisation=organisation)
    return cohort


@pytest.fixture
def members(cohort, organisation):
    """Two learners of the seated organisation, one reading in English; and others who
    must not receive anything."""
    french = UserFactory(
        first_name="Camille",
        email="camille@cuisines.test",
        organisation=organisation,
        roles=["learner"],
    )
    english = UserFactory(
        first_name="Sam",
        email="sam@cuisines.test",
        organisation=organisation,
        preferred_language="en",
        roles=["learner"],
    )
    UserFactory(
        email="parti@cuisines.test", organisation=organisation, is_active=False, roles=["learner"]
    )
    UserFactory(email="ailleurs@autre.test", organisation=OrganisationFactory(), roles=["learner"])
    removed = OrganisationFactory(name="Organisme retiré")
    UserFactory(email="retire@retire.test", organisation=removed, roles=["learner"])
    seat_remove(seat=admit(cohort, organisation=removed), actor=None)
    return {"fr": french, "en": english}


def post_message(client, cohort, django_capture_on_commit_callbacks, **fields):
    data = {"audience": "all", "subject": "Séance de jeudi", "body": "Bonjour à toutes et tous"}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/cohortes/{cohort.pk}/message/", {**data, **fields})


@pytest.mark.django_db
def test_the_whole_cohort_gets_one_email_each_in_their_language(
    client, cohort, members, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    assert client.get(f"/cohortes/{cohort.pk}/message/").status_code == 200

    response = post_message(
        client,
        cohort,
        django_capture_on_commit_callbacks,
        subject="Séance de jeudi <b>importante</b>",
        body="Bonjour,\n\nN'oubliez pas <script>alert(1)</script>la séance & le gabarit.",
    )

    assert response.status_code == 302
    assert response["Location"] == f"/cohortes/{cohort.pk}/messages/"
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"camille@cuisines.test", "sam@cuisines.test"}
    assert all(len(m.to) == 1 for m in mail.outbox)

    french, english = by_address["camille@cuisines.test"], by_address["sam@cuisines.test"]
    assert french.subject == "[DATAide] Séance de jeudi <b>importante</b>"  # as typed
    assert french.reply_to == ["lea.roy@nordouvert.test"]
    assert french.body.startswith("Bonjour Camille,")
    typed = "N'oubliez pas <script>alert(1)</script>la séance & le gabarit."
    assert typed in french.body  # plain text, as typed
    assert "Léa Roy vous écrit au sujet de votre cohorte" in french.body
    assert english.body.startswith("Hello Sam,")
    assert typed in english.body  # not translated
    assert "Léa Roy wrote to you about your cohort" in english.body
    html_part = english.alternatives[0][0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;la séance &amp; le gabarit" in html_part
    assert "<script" not in html_part
    assert '<html lang="en">' in html_part

    message = CohortMessage.objects.get()
    assert (message.sender, message.audience, message.cohort) == (facilitator, "all", cohort)
    assert message.subject == "Séance de jeudi <b>importante</b>"
    assert message.body == "Bonjour,\n\n" + typed
    assert sorted(message.recipients) == sorted(m.pk for m in members.values())


@pytest.mark.django_db
def test_the_sent_messages_are_listed_for_the_cohort(
    client, cohort, members, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    post_message(client, cohort, django_capture_on_commit_callbacks, subject="Q&R de la semaine")

    page = text(client.get(f"/cohortes/{cohort.pk}/messages/"))

    assert "Q&R de la semaine" in page and "Q&amp;R" not in page
    assert "Toute la cohorte" in page
    assert "<td>2</td>" in "".join(page.split())
    assert "Bonjour à toutes et tous" not in page  # the list shows no message body


@pytest.mark.django_db
def test_flagged_learners_only_goes_to_the_flagged_ones(
    client, cohort, members, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    flagged = {members["en"].pk, 999999}  # someone outside the cohort is never written to
    with mock.patch("cohorts.messages.services.cohort_flagged_learner_ids", return_value=flagged):
        post_message(client, cohort, django_capture_on_commit_callbacks, audience="flagged")

    assert [m.to for m in mail.outbox] == [["sam@cuisines.test"]]
    assert CohortMessage.objects.get().recipients == [members["en"].pk]


@pytest.mark.django_db
def test_nobody_flagged_means_nothing_is_sent(
    client, cohort, members, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)

    response = post_message(client, cohort, django_capture_on_commit_callbacks, audience="flagged")

    assert response.status_code == 400
    assert "Aucune personne de cette cohorte ne recevrait ce message." in text(response)
    assert not CohortMessage.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_the_lab_writes_to_its_seated_leaders(facilitator, django_capture_on_commit_callbacks):
    lab = make_cohort(lab_course(), facilitators=[facilitator])
    leader = UserFactory(
        email="leader@exemple.test", organisation=OrganisationFactory(), roles=["learner"]
    )
    UserFactory(email="collegue@exemple.test", organisation=leader.organisation, roles=["learner"])
    admit(lab, leader=leader)

    with django_capture_on_commit_callbacks(execute=True):
        cohort_message_send(
            cohort=lab, sender=facilitator, audience="all", subject="Labo", body="Bonjour"
        )

    assert [m.to for m in mail.outbox] == [["leader@exemple.test"]]


@pytest.mark.django_db
def test_sending_is_enqueued_after_commit_and_safe_to_run_twice(
    cohort, members, facilitator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = cohort_message_send(
            cohort=cohort, sender=facilitator, audience="all", subject="Sujet", body="Texte"
        )
    dispatches = [c for c in callbacks if "outbox_dispatch" in repr(c)]
    assert len(dispatches) == 2 and not mail.outbox  # one per recipient, after the commit
    keys = set(OutboxMessage.objects.values_list("dedupe_key", flat=True))
    assert keys == {f"cohort_message:{message.pk}:{m.pk}" for m in members.values()}

    for callback in dispatches:
        callback()
    for pk in OutboxMessage.objects.values_list("pk", flat=True):
        assert outbox_process(message_id=pk) is False  # a worker died and it ran again
    assert len(mail.outbox) == 2
    assert not cohort_message_deliver(message=message, learner=UserFactory())  # not a recipient
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_text_is_kept_as_typed_and_escaped_once_where_shown(
    client, cohort, members, facilitator, django_capture_on_commit_callbacks
):
    typed = 'Café & "jeunes" <b> l\'été'
    with django_capture_on_commit_callbacks(execute=True):
        message = cohort_message_send(
            cohort=cohort, sender=facilitator, audience="all", subject=f"  {typed} ", body=typed
        )

    message.refresh_from_db()
    assert (message.subject, message.body) == (typed, typed)
    client.force_login(facilitator)
    page = client.get(f"/cohortes/{cohort.pk}/messages/").content.decode()
    assert "Café &amp; &quot;jeunes&quot; &lt;b&gt; l&#x27;été" in page
    assert "&amp;amp;" not in page and "<b> l" not in page
    sent = mail.outbox[0]
    assert sent.subject == f"[DATAide] {typed}"
    assert typed in sent.body  # the text part, as typed
    assert "Café &amp; &quot;jeunes&quot; &lt;b&gt; l&#x27;été" in sent.alternatives[0][0]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["message/", "messages/"])
def test_another_facilitators_cohort_is_not_found(client, cohort, members, path):
    client.force_login(UserFactory(roles=["facilitator"]))
    assert client.get(f"/cohortes/{cohort.pk}/{path}").status_code == 404
    response = client.post(
        f"/cohortes/{cohort.pk}/message/", {"audience": "all", "subject": "x", "body": "y"}
    )
    assert response.status_code == 404
    assert not CohortMessage.objects.exists() and not mail.outbox


@pytest.mark.django_db
@pytest.mark.parametrize("role,status", [("learner", 404), ("author", 404), ("staff", 200)])
def test_only_its_facilitators_and_staff_reach_a_cohorts_messages(client, cohort, role, status):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(f"/cohortes/{cohort.pk}/message/").status_code == status


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, cohort):
    response = client.get(f"/cohortes/{cohort.pk}/message/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


@pytest.mark.django_db
def test_the_form_says_how_many_each_audience_reaches(client, cohort, members, facilitator):
    client.force_login(facilitator)
    page = text(client.get(f"/cohortes/{cohort.pk}/message/"))
    assert "Toute la cohorte (2)" in page
    assert "Les personnes signalées seulement (0)" in page
