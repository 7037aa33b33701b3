"""Copy the pathway's outbox messages, pending ones included, into the outbox app's table.

The pathway's kinds become the outbox's namespaced kinds; dedupe keys are kept, so a
decision already recorded still cannot enqueue its side effect twice. The next
migration removes the pathway's table.
"""

from django.db import migrations

#: The pathway's former kinds, as the outbox names them.
KINDS = {
    "eligibility_contacts": "pathway.eligibility_contacts",
    "eligibility_staff": "pathway.eligibility_staff",
    "certificate": "pathway.certificate",
    "review_request": "pathway.review_request",
}
FIELDS = ("dedupe_key", "payload", "created_at", "processed_at", "attempts", "last_error")


def copy_to_outbox(apps, schema_editor):
    old = apps.get_model("pathway", "OutboxMessage")
    new = apps.get_model("outbox", "OutboxMessage")
    rows = [
        new(kind=KINDS.get(row.kind, f"pathway.{row.kind}"), **{f: getattr(row, f) for f in FIELDS})
        for row in old.objects.order_by("pk")
    ]
    new.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    # created_at is auto_now_add: bulk_create kept the copies' own dates, set them back.
    for row in old.objects.only("dedupe_key", "created_at"):
        new.objects.filter(dedupe_key=row.dedupe_key).update(created_at=row.created_at)


def copy_back(apps, schema_editor):
    old = apps.get_model("pathway", "OutboxMessage")
    new = apps.get_model("outbox", "OutboxMessage")
    back = {namespaced: kind for kind, namespaced in KINDS.items()}
    for row in new.objects.filter(kind__in=back).order_by("pk"):
        old.objects.update_or_create(
            dedupe_key=row.dedupe_key,
            defaults={"kind": back[row.kind], **{f: getattr(row, f) for f in FIELDS[1:]}},
        )
        new.objects.filter(pk=row.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0003_review_request_plural"),
        ("outbox", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_to_outbox, copy_back)]
