"""Store feedback comments as typed: they were saved HTML-escaped (``&amp;``, ``&lt;``)."""

import html

from django.db import migrations


def unescape_comments(apps, schema_editor):
    ModuleFeedback = apps.get_model("courses", "ModuleFeedback")
    changed = []
    for feedback in ModuleFeedback.objects.exclude(comment="").only("pk", "comment").iterator():
        typed = html.unescape(feedback.comment)
        if typed != feedback.comment:
            feedback.comment = typed
            changed.append(feedback)
    ModuleFeedback.objects.bulk_update(changed, ["comment"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_translation_report_permission"),
    ]

    operations = [
        # Escaping again on the way back would escape text typed with "&" twice: no-op.
        migrations.RunPython(unescape_comments, migrations.RunPython.noop, elidable=True),
    ]
