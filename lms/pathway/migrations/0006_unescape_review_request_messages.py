"""Store review requests as typed: their messages were saved HTML-escaped."""

import html

from django.db import migrations


def unescape_messages(apps, schema_editor):
    ReviewRequest = apps.get_model("pathway", "ReviewRequest")
    changed = []
    for request in ReviewRequest.objects.only("pk", "message").iterator():
        typed = html.unescape(request.message)
        if typed != request.message:
            request.message = typed
            changed.append(request)
    ReviewRequest.objects.bulk_update(changed, ["message"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0005_outbox_moved"),
    ]

    operations = [
        # Escaping again on the way back would escape text typed with "&" twice: no-op.
        migrations.RunPython(unescape_messages, migrations.RunPython.noop, elidable=True),
    ]
