"""Copy the notifications that lived in demands (FK to a demand) into this app's generic table."""

from django.db import migrations

BATCH = 1000


def _historical(apps, label):
    model = apps.get_model(*label.split("."))
    # Historical models keep auto_now_add, which would stamp every copied row with today.
    model._meta.get_field("created_at").auto_now_add = False
    return model


def copy_forward(apps, schema_editor):
    """Each old row becomes one with the demand as subject, titled 「number title」, linked to its page."""
    Old = apps.get_model("demands", "Notification")
    New = _historical(apps, "notifications.Notification")
    db = schema_editor.connection.alias
    rows = Old.objects.using(db).select_related("demand").order_by("id")
    if not rows.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    demand_type, _ = ContentType.objects.using(db).get_or_create(app_label="demands", model="demand")
    batch = []
    for old in rows.iterator(chunk_size=BATCH):
        batch.append(New(user_id=old.user_id, text=old.text, created_at=old.created_at,
                         read_at=old.read_at, **_subject(old.demand, demand_type)))
        if len(batch) >= BATCH:
            New.objects.using(db).bulk_create(batch)
            batch = []
    New.objects.using(db).bulk_create(batch)


def _subject(demand, demand_type):
    if demand is None:
        return {}
    return {"subject_type": demand_type, "subject_id": demand.pk,
            "subject_title": f"{demand.number} {demand.title}"[:255], "url": f"/demands/{demand.pk}/"}


def copy_back(apps, schema_editor):
    """Unapplying puts notifications about demands back into the old table (others have no place there)."""
    Old = _historical(apps, "demands.Notification")
    New = apps.get_model("notifications", "Notification")
    db = schema_editor.connection.alias
    demands = apps.get_model("demands", "Demand").objects.using(db).values("pk")
    rows = New.objects.using(db).filter(subject_type__app_label="demands", subject_type__model="demand",
                                        subject_id__in=demands)
    Old.objects.using(db).bulk_create(
        [Old(user_id=n.user_id, demand_id=n.subject_id, text=n.text, created_at=n.created_at,
             read_at=n.read_at) for n in rows.order_by("id").iterator(chunk_size=BATCH)],
        batch_size=BATCH)
    rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
        ("demands", "0003_official_holidays"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_forward, copy_back)]
