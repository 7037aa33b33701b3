"""What each of the pathway's outbox messages does. Registered with the outbox in
``PathwayConfig.ready()``; called by ``lms.outbox.services.outbox_process`` with the
message row locked, each handler must be safe to run again if its worker dies midway."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from lms.accounts.roles import ROLES
from lms.emails import send_templated_email
from lms.links import absolute_url
from lms.pathway.models import BursaryEligibility, Certificate, LevelCompletion, ReviewRequest

#: The pathway's outbox kinds.
ELIGIBILITY_CONTACTS = "pathway.eligibility_contacts"
ELIGIBILITY_STAFF = "pathway.eligibility_staff"
CERTIFICATE = "pathway.certificate"
REVIEW_REQUEST = "pathway.review_request"
#: Payload ``{"review_request": <id>}``: tell the person staff's answer to their request.
REVIEW_ANSWER = "pathway.review_answer"


def _staff():
    return (
        get_user_model()
        .objects.filter(groups__name=ROLES["staff"].group_name, is_active=True)
        .distinct()
    )


def _url_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, args=args))


def eligibility_contacts(payload: dict) -> None:
    """Tell the organisation's contact people it is eligible, and how it was decided."""
    eligibility = BursaryEligibility.objects.select_related(
        "organisation", "completion__learner"
    ).get(pk=payload["eligibility"])
    people = [c.person for c in eligibility.organisation.contacts.select_related("person")]
    if not people:
        people = [eligibility.completion.learner]
    for person in people:
        language = person.preferred_language
        send_templated_email(
            template="pathway/email/eligibility_contacts",
            to=[person.email],
            context={
                "person": person,
                "eligibility": eligibility,
                "learner": eligibility.completion.learner,
                "dashboard_url": _url_in(language, "pathway_dashboard"),
            },
            language=language,
        )


def eligibility_staff(payload: dict) -> None:
    """Tell programme staff an organisation became eligible (flagged beyond quota)."""
    eligibility = BursaryEligibility.objects.select_related("organisation", "region").get(
        pk=payload["eligibility"]
    )
    for person in _staff():
        send_templated_email(
            template="pathway/email/eligibility_staff",
            to=[person.email],
            context={
                "person": person,
                "eligibility": eligibility,
                "admin_url": absolute_url("/admin/"),
            },  # fmt: skip
            language=person.preferred_language,
        )


def certificate(payload: dict) -> None:
    """Issue the learner's certificate (once per completion) and tell them."""
    completion = LevelCompletion.objects.select_related("learner").get(pk=payload["completion"])
    learner = completion.learner
    issued, _created = Certificate.objects.get_or_create(
        completion=completion, defaults={"language": learner.preferred_language}
    )
    send_templated_email(
        template="pathway/email/certificate",
        to=[learner.email],
        context={
            "learner": learner,
            "completion": completion,
            "dashboard_url": _url_in(learner.preferred_language, "pathway_dashboard"),
            "verify_url": _url_in(
                learner.preferred_language, "pathway_certificate_verify", issued.token
            ),
        },
        language=learner.preferred_language,
    )


def review_request(payload: dict) -> None:
    """Tell programme staff someone asks for a decision to be reviewed."""
    request = ReviewRequest.objects.select_related("requested_by").get(pk=payload["review_request"])
    for person in _staff():
        send_templated_email(
            template="pathway/email/review_request",
            to=[person.email],
            context={"person": person, "request": request, "admin_url": absolute_url("/admin/")},
            language=person.preferred_language,
        )


def review_answer(payload: dict) -> None:
    """Tell the person who asked for a review staff's answer, in their language."""
    request = ReviewRequest.objects.select_related("requested_by").get(pk=payload["review_request"])
    person = request.requested_by
    send_templated_email(
        template="pathway/email/review_answer",
        to=[person.email],
        context={
            "person": person,
            "request": request,
            "dashboard_url": _url_in(person.preferred_language, "pathway_dashboard"),
        },
        language=person.preferred_language,
    )


HANDLERS = {
    ELIGIBILITY_CONTACTS: eligibility_contacts,
    ELIGIBILITY_STAFF: eligibility_staff,
    CERTIFICATE: certificate,
    REVIEW_REQUEST: review_request,
    REVIEW_ANSWER: review_answer,
}
