"""Copy the idempotency keys the pathway kept (RequestKey moved to courses, which alone
uses it): a form resent after the deploy is still recognised."""

from django.db import migrations


def copy(apps, schema_editor):
    Old = apps.get_model("pathway", "RequestKey")
    New = apps.get_model("courses", "RequestKey")
    New.objects.bulk_create(
        [
            New(learner_id=k.learner_id, key=k.key, created_at=k.created_at)
            for k in Old.objects.all()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0008_request_keys_here"),
        ("pathway", "0007_review_requests_for_changed_evidence"),
    ]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
