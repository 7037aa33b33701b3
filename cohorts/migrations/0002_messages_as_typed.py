"""Cohort messages are now kept as typed and escaped once, when shown: undo the escaping
that sanitising on the way in left in the messages already sent (``&amp;`` → ``&``)."""

import html

from django.db import migrations


def unescape_messages(apps, schema_editor):
    CohortMessage = apps.get_model("cohorts", "CohortMessage")
    for message in CohortMessage.objects.only("subject", "body").iterator():
        subject, body = html.unescape(message.subject), html.unescape(message.body)
        if (subject, body) != (message.subject, message.body):
            CohortMessage.objects.filter(pk=message.pk).update(subject=subject, body=body)


def escape_messages(apps, schema_editor):
    CohortMessage = apps.get_model("cohorts", "CohortMessage")
    for message in CohortMessage.objects.only("subject", "body").iterator():
        CohortMessage.objects.filter(pk=message.pk).update(
            subject=html.escape(message.subject, quote=False),
            body=html.escape(message.body, quote=False),
        )


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0001_initial")]

    operations = [migrations.RunPython(unescape_messages, escape_messages)]
