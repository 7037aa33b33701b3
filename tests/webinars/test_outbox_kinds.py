"""The webinars' outbox kinds: a large attendance report is read by a worker through an
outbox message written with the import, carried out once."""

import pytest

from lms.outbox.models import OutboxMessage
from lms.outbox.services import outbox_process
from tests.webinars.test_attendance_import import SAMPLES, minutes, people, session  # noqa: F401
from webinars.models import AttendanceImport
from webinars.services import attendance_import_start


@pytest.mark.django_db
def test_a_large_import_is_carried_out_once_by_its_outbox_message(
    session,  # noqa: F811
    people,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    content = (SAMPLES / "zoom_en_utf8.csv").read_bytes() + b"\n" * (120 * 1024)
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not run
        pending = attendance_import_start(
            session=session, uploaded_by=None, filename="grand.csv", content=content
        ).attendance_import

    message = OutboxMessage.objects.get(kind="webinars.attendance_import")
    assert message.payload == {"import": pending.pk}
    assert pending.status == AttendanceImport.Status.PENDING
    assert outbox_process(message_id=message.pk) is True
    assert outbox_process(message_id=message.pk) is False
    pending.refresh_from_db()
    assert pending.status == AttendanceImport.Status.DONE
    assert pending.content is None
    assert len(minutes(session)) == 5
