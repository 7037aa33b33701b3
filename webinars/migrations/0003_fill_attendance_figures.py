"""Fill the two figures of attendances recorded before they existed: a mark by hand
becomes the hand mark (who made it is kept), an import becomes the reports' figure."""

from django.db import migrations


def fill(apps, schema_editor):
    Attendance = apps.get_model("webinars", "Attendance")
    for attendance in Attendance.objects.all().iterator():
        if attendance.source == "manual":
            attendance.manual_minutes = attendance.minutes_present
            attendance.manual_by_id = attendance.recorded_by_id
            attendance.manual_at = attendance.recorded_at
        else:
            attendance.imported_seconds = attendance.minutes_present * 60
        attendance.save(
            update_fields=["manual_minutes", "manual_by", "manual_at", "imported_seconds"]
        )


class Migration(migrations.Migration):
    dependencies = [("webinars", "0002_attendance_two_figures_and_presences")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
