from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from lms.accounts.models import OrganisationJoinRequest
from lms.accounts.selectors import join_request_deciders
from lms.accounts.services import accounts_purge_unverified
from lms.celery import app
from lms.emails import send_templated_email


@app.task
def send_email_message(payload: dict) -> None:
    """Send one already-rendered e-mail (subject, body, recipients, HTML alternative)."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload.get("from_email"),
        to=payload["to"],
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    message.send()


@app.task
def purge_unverified_accounts() -> int:
    """Erase sign-ups never confirmed within the retention period."""
    return accounts_purge_unverified(older_than_days=settings.ACCOUNTS_UNVERIFIED_RETENTION_DAYS)


# One task per kind of e-mail, so each can move to an outbox on its own.


@app.task
def send_join_request_waiting(request_id: int) -> None:
    """Tell the organisation's contact people (staff if it has none) a request waits."""
    request = (
        OrganisationJoinRequest.objects.pending()
        .select_related("person", "organisation")
        .filter(pk=request_id)
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


@app.task
def send_join_request_decided(request_id: int) -> None:
    """Tell the requester their organisation's answer."""
    request = (
        OrganisationJoinRequest.objects.exclude(status=OrganisationJoinRequest.Status.REQUESTED)
        .select_related("person", "organisation")
        .filter(pk=request_id)
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
