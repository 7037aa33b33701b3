"""What each of the selection app's outbox messages does. Registered with the outbox in
``SelectionConfig.ready()``; each handler must be safe to run again."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from django.utils import translation

from lms.accounts.models import User
from lms.emails import send_templated_email
from lms.selection.models import Application, Decision

#: Payload ``{"application": id, "person": id, "event": "submitted" | "returned" |
#: "decided"}`` (and ``"decision": id`` for a decision): one contact of the organisation
#: told of the application's new state, in their language.
APPLICATION_STATE = "selection.application_state"


def application_state(payload: dict) -> None:
    """E-mail one contact that the application was submitted, returned or decided."""
    application = (
        Application.objects.select_related("call", "organisation")
        .filter(pk=payload["application"])
        .first()
    )
    person = User.objects.filter(pk=payload["person"], is_active=True).first()
    decision = None
    if "decision" in payload:
        decision = Decision.objects.filter(pk=payload["decision"]).first()
    if application is None or person is None or (payload["event"] == "decided" and not decision):
        return
    with translation.override(person.preferred_language):
        url = reverse("selection_application", args=[application.pk])
    send_templated_email(
        template="selection/email/application_state",
        to=[person.email],
        context={
            "person": person,
            "application": application,
            "event": payload["event"],
            "decision": decision,
            "path": url,
        },
        language=person.preferred_language,
    )


#: Payload ``{"person": id}``: an outside committee member's invitation, with the link to
#: choose their password (made when sent, never kept in the payload).
MEMBER_INVITATION = "selection.member_invitation"


def member_invitation(payload: dict) -> None:
    """E-mail an outside committee member their invitation, in their language."""
    person = User.objects.filter(pk=payload["person"], is_active=True).first()
    if person is None or person.has_usable_password():
        return  # erased, or the person has chosen a password since
    key = default_token_generator.make_token(person)
    with translation.override(person.preferred_language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(person), "key": key},
        )
        committee_path = reverse("selection_committee")
    send_templated_email(
        template="selection/email/member_invitation",
        to=[person.email],
        context={"person": person, "path": path, "committee_path": committee_path},
        language=person.preferred_language,
    )


HANDLERS = {APPLICATION_STATE: application_state, MEMBER_INVITATION: member_invitation}
