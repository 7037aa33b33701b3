"""What the accounts' outbox messages do. Registered with the outbox in
``AccountsConfig.ready()``; each handler runs with its message row locked."""

from django.core.mail import EmailMultiAlternatives

from lms.accounts.models import OrganisationJoinRequest
from lms.accounts.selectors import join_request_deciders
from lms.emails import send_templated_email

#: An e-mail from allauth (sign-up confirmation, password reset, "account already
#: exists"), rendered in the request's language: subject, body, sender, recipients and
#: HTML alternative.
EMAIL = "accounts.email"
#: Payload ``{"request": <OrganisationJoinRequest id>}``: tell the deciders one waits.
JOIN_REQUEST_WAITING = "accounts.join_request_waiting"
#: Payload ``{"request": <OrganisationJoinRequest id>}``: tell the requester the answer.
JOIN_REQUEST_DECIDED = "accounts.join_request_decided"


def email(payload: dict) -> dict:
    """Send one already rendered e-mail; return its payload without the text, which may
    hold a password reset link, to keep once it is sent."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload.get("from_email"),
        to=payload["to"],
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    message.send()
    return {**payload, "body": "", "alternatives": []}


def join_request_waiting(payload: dict) -> None:
    """Tell the organisation's contact people (staff if it has none) a request waits."""
    request = (
        OrganisationJoinRequest.objects.pending()
        .select_related("person", "organisation")
        .filter(pk=payload["request"])
        .first()
    )
    if request is None:  # decided, or withdrawn, in the meantime
        return
    deciders, for_staff = join_request_deciders(request=request)
    for person in deciders:
        send_templated_email(
            template="accounts/email/join_request_waiting",
            to=[person.email],
            context={"request": request, "person": person, "for_staff": for_staff},
            language=person.preferred_language,
        )


def join_request_decided(payload: dict) -> None:
    """Tell the requester their organisation's answer."""
    request = (
        OrganisationJoinRequest.objects.exclude(status=OrganisationJoinRequest.Status.REQUESTED)
        .select_related("person", "organisation")
        .filter(pk=payload["request"])
        .first()
    )
    if request is None:
        return
    send_templated_email(
        template="accounts/email/join_request_decided",
        to=[request.person.email],
        context={"request": request, "person": request.person},
        language=request.person.preferred_language,
    )


HANDLERS = {
    EMAIL: email,
    JOIN_REQUEST_WAITING: join_request_waiting,
    JOIN_REQUEST_DECIDED: join_request_decided,
}
