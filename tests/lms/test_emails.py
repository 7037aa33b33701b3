"""Every e-mail the platform sends names it, in subject and text, and every absolute link
in it starts with the configured base address (never the request's host, never :8000).

One pass through the real flows (allauth's, the outbox handlers', Wagtail's workflow
notices) with the base address set to one nobody serves; then a check that each subject
template under ``templates/`` was rendered on the way, so a new e-mail is covered too.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from cohorts.messages.services import cohort_message_deliver
from cohorts.models import CohortMessage
from lms.accounts.effects import join_request_waiting
from lms.accounts.models import OrganisationContact, OrganisationJoinRequest
from lms.accounts.services import join_request_accept
from lms.pathway.services import review_request_create
from lms.pathway.staff.services import review_request_close
from lms.privacy.rights.services import erasure_request, export_request
from lms.selection.effects import application_state, member_invitation
from lms.selection.models import Application, Call, Decision
from tests.cohorts.builders import make_cohort
from tests.factories import OrganisationFactory, UserFactory, webinar_page
from tests.moderation.test_review_workflow import submit
from tests.pathway.test_eligibility import attend
from webinars.effects import reminder as send_reminder_handler
from webinars.models import ReminderSent, WebinarSession
from webinars.services import session_register

BASE = "https://apprendre.exemple.test"
LINK = re.compile(r"https?://[^\s\"'<>)]+")


def subject_templates() -> set[str]:
    """The subject templates of every e-mail the project writes itself."""
    root = Path(settings.BASE_DIR) / "templates"
    return {str(p.relative_to(root)) for p in root.rglob("*_subject.txt")}


@pytest.fixture
def rendered():
    names = set()

    def record(sender, template, **kwargs):
        names.add(template.name)

    template_rendered.connect(record, dispatch_uid="test_emails")
    yield names
    template_rendered.disconnect(dispatch_uid="test_emails")


@pytest.mark.django_db
def test_every_email_names_the_platform_and_links_to_the_base_address(
    client, settings, learner, staff, mailoutbox, rendered,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.WAGTAILADMIN_BASE_URL = BASE
    capture = django_capture_on_commit_callbacks
    yesterday = timezone.now() - timedelta(days=1)
    webinar = webinar_page(sessions=[{"starts_at": yesterday, "duration_minutes": 100}])
    organisation = learner.organisation
    OrganisationContact.objects.create(organisation=organisation, person=learner)

    # allauth: sign-up confirmation (a new address), password reset, unknown address.
    client.post(reverse("account_email"), {"action_add": "", "email": "nouvelle@exemple.test"})
    client.force_login(learner)
    with capture(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": "autre@exemple.test"})
    client.logout()
    with capture(execute=True):
        client.post(reverse("account_reset_password"), {"email": learner.email})
        client.post(reverse("account_reset_password"), {"email": "inconnue@exemple.test"})
        # The pathway: eligibility notices, certificate, a review asked and answered.
        attend(learner, webinar.sessions.get(), staff, capture)
        review = review_request_create(learner=learner, level=1, message="Revoir")
        review_request_close(review_request=review, actor=staff, answer="C'est revu.")
        # Webinars: the registration's confirmation (with its .ics) and a reminder.
        start = timezone.now() + timedelta(days=5)
        session = WebinarSession.objects.create(
            webinar=webinar, starts_at=start, duration_minutes=120
        )
        registration = session_register(learner=learner, session=session)
    reminder = ReminderSent.objects.create(registration=registration, kind="day_before")
    send_reminder_handler({"reminder": reminder.pk})
    # Join requests: the contacts told one waits, the requester told the answer.
    newcomer = UserFactory(first_name="Awa", email="awa@exemple.test")
    join = OrganisationJoinRequest.objects.create(person=newcomer, organisation=organisation)
    join_request_waiting({"request": join.pk})
    with capture(execute=True):
        join_request_accept(request=join, actor=learner)
    # Staff's notices (opted in), an organisation confirmed, a person's organisation changed.
    from lms.accounts.effects import staff_notice
    from lms.accounts.models import Organisation
    from lms.accounts.services import organisation_set_status, person_organisation_change

    staff.notify_staff_events = True
    staff.save(update_fields=["notify_staff_events"])
    proposer = UserFactory(first_name="Fatou", email="fatou@exemple.test", roles=["learner"])
    proposed = OrganisationFactory(
        name="Groupe d'entraide", status=Organisation.Status.PROPOSED, proposed_by=proposer
    )
    proposer.organisation = proposed
    proposer.save(update_fields=["organisation"])
    staff_notice({"to": staff.pk, "about": "organisation", "pk": proposed.pk})
    with capture(execute=True):
        organisation_set_status(
            organisation=proposed, status=Organisation.Status.CONFIRMED, actor=staff
        )
        person_organisation_change(
            person=newcomer, organisation=proposed, actor=staff, reason="Erreur d'inscription"
        )
    # Applications: the contacts told that one is submitted, then returned.
    call = Call.objects.create(
        title="Appel « Semence »", kind="seed", opens_on=yesterday.date(),
        closes_on=yesterday.date() + timedelta(days=30), ceiling=5000,
    )  # fmt: skip
    application = Application.objects.create(
        call=call, organisation=organisation, return_reason="Précisez."
    )
    for event in ("submitted", "returned"):
        application_state({"application": application.pk, "person": learner.pk, "event": event})
    # Its decision, and an outside committee member's invitation.
    decision = Decision.objects.create(
        application=application, outcome="accepted", amount=4000, reasons="Clair.",
        decided_on=yesterday.date(),
    )  # fmt: skip
    application_state(
        {"application": application.pk, "person": learner.pk, "event": "decided",
         "decision": decision.pk}
    )  # fmt: skip
    outsider = UserFactory(first_name="Ηλέκτρα", email="electra@exemple.test")
    outsider.set_unusable_password()
    outsider.save()
    member_invitation({"person": outsider.pk})
    # A person's data ready to download, and their account's erasure asked for.
    with capture(execute=True):
        export_request(person=learner)
        erasure_request(person=learner)
    # A cohort message.
    cohort = make_cohort(facilitators=[staff])
    message = CohortMessage.objects.create(
        cohort=cohort, sender=staff, audience="all", subject="Jeudi", body="À jeudi",
        recipients=[learner.pk],
    )  # fmt: skip
    cohort_message_deliver(message=message, learner=learner)
    # Wagtail's workflow notices: submitted (to another author), rejected, approved.
    reviewer = UserFactory(roles=["author"], email="louis@exemple.test")
    client.logout()
    writer, module = submit(client)
    client.force_login(reviewer)
    task_state = module.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[module.pk, "reject", task_state.pk]),
        {"comment": "Un détail"},
    )
    module.refresh_from_db()
    module.current_workflow_state.cancel(user=writer)
    module.get_workflow().start(module, writer)
    module.refresh_from_db()
    task_state = module.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[module.pk, "approve", task_state.pk])
    )

    assert len(mailoutbox) >= 15
    for mail in mailoutbox:
        texts = [mail.subject, mail.body] + [c for c, _t in getattr(mail, "alternatives", [])]
        assert "DATAide" in mail.subject, mail.subject
        assert "DATAide" in mail.body, (mail.subject, mail.body)
        for text in texts:
            for link in LINK.findall(text):
                assert link.startswith(BASE + "/"), (mail.subject, link)
    for attachment in (a for m in mailoutbox for a in m.attachments):
        if attachment[0].endswith(".ics"):
            content = attachment[1] if isinstance(attachment[1], str) else attachment[1].decode()
            assert f"URL:{BASE}/" in content.replace("\r\n ", "")

    subjects = {name for name in rendered if name.endswith("_subject.txt")}
    missing = {
        name
        for name in subject_templates()
        if name not in subjects and not name.startswith("wagtailadmin/notifications/updated")
    }
    assert not missing, f"e-mails this test does not send: {sorted(missing)}"
    assert {"account/email/password_reset_key_subject.txt",
            "account/email/email_confirmation_subject.txt",
            "account/email/unknown_account_subject.txt"} <= subjects  # fmt: skip
