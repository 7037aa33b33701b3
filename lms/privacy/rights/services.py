"""Writes of a person's rights: ask for one's data and download it once; ask for the
account's erasure, cancel it, run it; enforce the registry's retention.

* The download is prepared in the background (an outbox message, ``effects``): the ZIP
  holds, for each registry entry, the person's rows as JSON and CSV. When it is ready, a
  secret link is e-mailed; only the secret's hash is kept. The link works once, until
  ``EXPORT_VALID_DAYS``, and after the person types their password again.
* The erasure waits ``ERASURE_COOLING_OFF_DAYS`` (the person can cancel), then runs one
  step per registry entry, in order, each in its own transaction and remembered in
  ``steps_done``: a failure resumes where it stopped, and running it again changes
  nothing. The account itself is anonymised last: no name, no address, no password (its
  sessions end at once: Django ties each session to the password's hash), inactive.
"""

import csv
import hashlib
import io
import json
import secrets
import zipfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from lms.accounts.services import sessions_end
from lms.outbox.services import outbox_add
from lms.privacy.models import AccountErasure, DataExport
from lms.privacy.registry import Erasure, PersonalData, entries
from lms.privacy.rights import kinds
from lms.spreadsheets import csv_safe


class RightsError(Exception):
    """A request the rules refuse; its message says why, for the person."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# Download -------------------------------------------------------------------------------


def export_request(*, person) -> DataExport:
    """Ask for ``person``'s data: prepared in the background, then e-mailed as a link."""
    with transaction.atomic():
        export = DataExport.objects.create(
            person=person,
            expires_at=timezone.now() + timedelta(days=settings.PRIVACY_EXPORT_VALID_DAYS),
        )
        outbox_add(
            kind=kinds.EXPORT_PREPARE,
            dedupe_key=f"privacy.export:{export.pk}",
            payload={"export": export.pk},
        )
    return export


def _value(value):
    if isinstance(value, models.Model):
        return value.pk
    return value


def entry_rows(entry: PersonalData, person) -> list[dict]:
    """The person's rows of one registry entry, as plain dictionaries."""
    if entry.export is not None:
        return list(entry.export(person))
    model = entry.model_class
    names = entry.export_fields or [
        f.name for f in model._meta.concrete_fields if not f.primary_key
    ]
    attnames = {f.name: f.attname for f in model._meta.concrete_fields}
    rows = entry.rows_of(person).values(*[attnames.get(name, name) for name in names])
    return [{name: _value(row[attnames.get(name, name)]) for name in names} for row in rows]


def _csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out)
    header = list(rows[0])
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(row.get(name)) for name in header])
    return out.getvalue()


def export_build(person) -> bytes:
    """The ZIP of everything the registry lists for ``person``: ``donnees.json`` whole,
    one CSV per kind of record, and a ``LISEZ-MOI.txt`` saying what each file is."""
    data, readme = {}, []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries():
            rows = entry_rows(entry, person)
            if not rows:
                continue
            name = entry.model.replace(".", "-").lower()
            data[entry.model] = {"what": str(entry.label), "rows": rows}
            archive.writestr(f"{name}.csv", "\ufeff" + _csv(rows))
            readme.append(f"{name}.csv: {entry.label} ({entry.purpose})")
        archive.writestr(
            "donnees.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        archive.writestr(
            "LISEZ-MOI.txt",
            gettext("Your data kept by the DATAide platform, on %(date)s.")
            % {"date": timezone.localdate().isoformat()}
            + "\n\n"
            + "\n".join(readme)
            + "\n",
        )
    return buffer.getvalue()


def export_prepare(*, export: DataExport) -> str | None:
    """Build the ZIP and make the link's secret; return the secret (to e-mail), or None
    if the request is no longer waiting."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("person").get(pk=export.pk)
        if export.status != DataExport.Status.PREPARING:
            return None
        with translation.override(export.person.preferred_language):
            export.content = export_build(export.person)
        secret = secrets.token_urlsafe(32)
        export.token_hash = _hash(secret)
        export.status = DataExport.Status.READY
        export.ready_at = timezone.now()
        export.save(update_fields=["content", "token_hash", "status", "ready_at"])
    return secret


def export_for_link(*, secret: str, person) -> DataExport | None:
    """The export the link's ``secret`` opens, if it is ``person``'s, ready and valid."""
    export = DataExport.objects.filter(token_hash=_hash(secret), person=person).first()
    if export is None or export.status != DataExport.Status.READY:
        return None
    if export.expires_at <= timezone.now():
        return None
    return export


def export_download(*, secret: str, person, password: str) -> bytes:
    """The ZIP, once, after ``person`` typed their password again; then it is deleted."""
    if not person.check_password(password):
        raise RightsError(gettext("This is not your password."))
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .filter(token_hash=_hash(secret), person=person)
            .first()
        )
        if (
            export is None
            or export.status != DataExport.Status.READY
            or export.expires_at <= timezone.now()
        ):
            raise RightsError(
                gettext("This link has expired or was already used: ask for your data again.")
            )
        content = bytes(export.content)
        export.content = None
        export.status = DataExport.Status.DOWNLOADED
        export.downloaded_at = timezone.now()
        export.save(update_fields=["content", "status", "downloaded_at"])
    return content


# Erasure --------------------------------------------------------------------------------


def erasure_pending(person) -> AccountErasure | None:
    return AccountErasure.objects.filter(
        person=person, status__in=[AccountErasure.Status.WAITING, AccountErasure.Status.RUNNING]
    ).first()


def erasure_request(*, person, requested_by_staff=None) -> AccountErasure:
    """Ask for ``person``'s account to be erased after the cooling-off period, and tell
    them by e-mail (with the date and how to cancel)."""
    with transaction.atomic():
        if erasure_pending(person) is not None:
            raise RightsError(gettext("The erasure of this account is already asked for."))
        erasure = AccountErasure.objects.create(
            person=person,
            requested_by_staff=requested_by_staff,
            erase_after=timezone.now() + timedelta(days=settings.PRIVACY_ERASURE_COOLING_OFF_DAYS),
        )
        outbox_add(
            kind=kinds.ERASURE_ASKED,
            dedupe_key=f"privacy.erasure_asked:{erasure.pk}",
            payload={"erasure": erasure.pk},
        )
    return erasure


def erasure_cancel(*, person) -> AccountErasure:
    with transaction.atomic():
        erasure = (
            AccountErasure.objects.select_for_update()
            .filter(person=person, status=AccountErasure.Status.WAITING)
            .first()
        )
        if erasure is None:
            raise RightsError(gettext("No erasure of this account is waiting."))
        erasure.status = AccountErasure.Status.CANCELLED
        erasure.cancelled_at = timezone.now()
        erasure.save(update_fields=["status", "cancelled_at"])
    return erasure


def _erase_entry(entry: PersonalData, person) -> None:
    if entry.erase is not None:
        entry.erase(person)
        return
    rows = entry.rows_of(person)
    if entry.erasure == Erasure.DELETE:
        rows.delete()
    elif entry.erasure == Erasure.ANONYMISE and entry.anonymise:
        model = entry.model_class
        changes = {}
        for name in entry.anonymise:
            model_field = model._meta.get_field(name)
            changes[name] = None if model_field.null else ""
        rows.update(**changes)


def account_anonymise(person) -> None:
    """The account's own row: no name, no address, no password, no role, inactive. Its
    sessions are deleted at once (and each would no longer match the password's hash)."""
    person.first_name = ""
    person.last_name = ""
    person.email = f"efface-{person.pk}@efface.invalid"
    person.is_active = False
    person.set_unusable_password()
    person.save()
    person.groups.set(Group.objects.none())
    sessions_end(user=person)


#: The last step's name in ``steps_done``.
ACCOUNT_STEP = "account"


def erasure_run(*, erasure: AccountErasure) -> AccountErasure:
    """Run the erasure's steps not done yet, each in its own transaction; once every
    registry entry is done, anonymise the account. Nothing if cancelled or done."""
    with transaction.atomic():
        erasure = AccountErasure.objects.select_for_update().get(pk=erasure.pk)
        if erasure.status in (AccountErasure.Status.CANCELLED, AccountErasure.Status.DONE):
            return erasure
        if erasure.status == AccountErasure.Status.WAITING:
            erasure.status = AccountErasure.Status.RUNNING
            erasure.save(update_fields=["status"])
    person = erasure.person
    for entry in entries():
        if entry.model in erasure.steps_done or entry.model == settings.AUTH_USER_MODEL:
            continue
        with transaction.atomic():
            _erase_entry(entry, person)
            erasure.steps_done = [*erasure.steps_done, entry.model]
            erasure.save(update_fields=["steps_done"])
    with transaction.atomic():
        if ACCOUNT_STEP not in erasure.steps_done:
            account_anonymise(person)
            erasure.steps_done = [*erasure.steps_done, ACCOUNT_STEP]
        erasure.status = AccountErasure.Status.DONE
        erasure.completed_at = timezone.now()
        erasure.save(update_fields=["steps_done", "status", "completed_at"])
    return erasure


def erasures_due(*, now=None) -> int:
    """Run every erasure whose cooling-off period is over (or that stopped half-way)."""
    now = now or timezone.now()
    due = AccountErasure.objects.filter(
        models.Q(status=AccountErasure.Status.WAITING, erase_after__lte=now)
        | models.Q(status=AccountErasure.Status.RUNNING)
    )
    count = 0
    for erasure in due:
        erasure_run(erasure=erasure)
        count += 1
    return count


# Retention ------------------------------------------------------------------------------


def retention_enforce(*, now=None) -> dict[str, int]:
    """Remove what the registry keeps only for a while: for each entry with
    ``retention_days``, the rows older than that (or its ``purge``). Returns the counts."""
    now = now or timezone.now()
    removed = {}
    for entry in entries():
        if entry.retention_days is None:
            continue
        if entry.purge is not None:  # it knows its own period and what "removed" means
            removed[entry.model] = entry.purge(now)
            continue
        limit = now - timedelta(days=entry.retention_days)
        rows = entry.model_class._default_manager.filter(**{f"{entry.retention_field}__lt": limit})
        removed[entry.model] = rows.delete()[0]
    return removed
