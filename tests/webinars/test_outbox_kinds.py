"""The webinars' outbox kinds: the large attendance import's handler, ready for
``attendance_import_start`` to write ``{"import": id}`` instead of enqueuing a task."""

import pytest

from lms.outbox.services import outbox_add, outbox_process
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
        )
        message = outbox_add(
            kind="webinars.attendance_import",
            dedupe_key=f"attendance_import:{pending.pk}",
            payload={"import": pending.pk},
        )

    assert outbox_process(message_id=message.pk) is True
    assert outbox_process(message_id=message.pk) is False
    pending.refresh_from_db()
    assert pending.status == AttendanceImport.Status.DONE
    assert len(minutes(session)) == 5
