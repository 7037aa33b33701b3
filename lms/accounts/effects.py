"""What the accounts' outbox messages do. Registered with the outbox in
``AccountsConfig.ready()``; each handler runs with its message row locked."""

from django.core.mail import EmailMultiAlternatives

from lms.accounts.models import Organisation, OrganisationJoinRequest, User
from lms.accounts.selectors import join_request_deciders, staff_to_notify
from lms.emails import send_templated_email

#: An e-mail from allauth (sign-up confirmation, password reset, "account already
#: exists"), rendered in the request's language: subject, body, sender, recipients and
#: HTML alternative.
EMAIL = "accounts.email"
#: Payload ``{"request": <OrganisationJoinRequest id>}``: tell the deciders one waits.
JOIN_REQUEST_WAITING = "accounts.join_request_waiting"
#: Payload ``{"request": <OrganisationJoinRequest id>}``: tell the requester the answer.
JOIN_REQUEST_DECIDED = "accounts.join_request_decided"

#: Payload ``{"about": "organisation" | "join_request", "pk": <its id>, "to": <User id>}``:
#: tell one staff member who asked for it that an organisation or a request waits.
STAFF_NOTICE = "accounts.staff_notice"
#: Payload ``{"organisation": <Organisation id>}``: tell its contact people it is confirmed.
ORGANISATION_CONFIRMED = "accounts.organisation_confirmed"
#: Payload ``{"person": <User id>, "organisation": <Organisation id or None>}``: tell a
#: person staff changed their organisation.
ORGANISATION_CHANGED = "accounts.organisation_changed"


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


def staff_notice(payload: dict) -> None:
    """Tell one staff member, if they still want it, what waits for the team."""
    person = staff_to_notify().filter(pk=payload["to"]).first()
    if person is None:  # no longer staff, or no longer asking
        return
    context = {"person": person}
    if payload["about"] == "organisation":
        context["organisation"] = (
            Organisation.objects.filter(pk=payload["pk"], status=Organisation.Status.PROPOSED)
            .select_related("region")
            .first()
        )
        if context["organisation"] is None:  # decided in the meantime
            return
    else:
        request = (
            OrganisationJoinRequest.objects.pending()
            .select_related("person", "organisation")
            .filter(pk=payload["pk"])
            .first()
        )
        # Decided in the meantime, or staff decide it and were told already.
        if request is None or join_request_deciders(request=request)[1]:
            return
        context["request"] = request
    send_templated_email(
        template="accounts/email/staff_notice",
        to=[person.email],
        context=context,
        language=person.preferred_language,
    )


def organisation_confirmed(payload: dict) -> None:
    """Tell an organisation's contact people that staff confirmed it."""
    organisation = Organisation.objects.confirmed().filter(pk=payload["organisation"]).first()
    if organisation is None:
        return
    for person in User.objects.filter(contact_for__organisation=organisation, is_active=True):
        send_templated_email(
            template="accounts/email/organisation_confirmed",
            to=[person.email],
            context={"organisation": organisation, "person": person},
            language=person.preferred_language,
        )


def organisation_changed(payload: dict) -> None:
    """Tell a person the organisation staff recorded for them."""
    person = User.objects.select_related("organisation__region").get(pk=payload["person"])
    send_templated_email(
        template="accounts/email/organisation_changed",
        to=[person.email],
        context={"organisation": person.organisation, "person": person},
        language=person.preferred_language,
    )


HANDLERS = {
    EMAIL: email,
    JOIN_REQUEST_WAITING: join_request_waiting,
    JOIN_REQUEST_DECIDED: join_request_decided,
    STAFF_NOTICE: staff_notice,
    ORGANISATION_CONFIRMED: organisation_confirmed,
    ORGANISATION_CHANGED: organisation_changed,
}
