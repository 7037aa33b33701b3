"""What the rights' outbox messages do (registered in ``PrivacyConfig.ready()``)."""

from django.urls import reverse
from django.utils import translation

from lms.emails import send_templated_email
from lms.privacy.models import AccountErasure, DataExport
from lms.privacy.rights.kinds import ERASURE_ASKED, EXPORT_PREPARE
from lms.privacy.rights.services import export_prepare as prepare


def export_prepare(payload: dict) -> None:
    export = DataExport.objects.select_related("person").filter(pk=payload["export"]).first()
    if export is None or not export.person.is_active:
        return
    secret = prepare(export=export)
    if secret is None:
        return
    person = export.person
    with translation.override(person.preferred_language):
        path = reverse("privacy_export_download", args=[secret])
    send_templated_email(
        template="privacy/email/export_ready",
        to=[person.email],
        context={"person": person, "export": export, "path": path},
        language=person.preferred_language,
    )


def erasure_asked(payload: dict) -> None:
    erasure = AccountErasure.objects.select_related("person").filter(pk=payload["erasure"]).first()
    if erasure is None or erasure.status != AccountErasure.Status.WAITING:
        return
    person = erasure.person
    with translation.override(person.preferred_language):
        path = reverse("privacy_my_data")
    send_templated_email(
        template="privacy/email/erasure_asked",
        to=[person.email],
        context={"person": person, "erasure": erasure, "path": path},
        language=person.preferred_language,
    )


HANDLERS = {EXPORT_PREPARE: export_prepare, ERASURE_ASKED: erasure_asked}
