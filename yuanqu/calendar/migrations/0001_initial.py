"""CalendarDay moves here from demands, rows and all.

Django's state gains the model here (demands 0004 drops it there); the database keeps the table
that demands 0001 created and demands 0003 filled, renamed to this app's calendar_calendarday.
The content type is relabelled too, so permissions granted on calendar days and the admin's
history of them stay attached.
"""

import yuanqu.core.validators
from django.db import migrations, models


def relabel_content_type(apps, schema_editor, old="demands", new="calendar"):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias)
    # A fresh database has no content types yet: post_migrate creates them under the new label.
    if not content_types.filter(app_label=new, model="calendarday").exists():
        content_types.filter(app_label=old, model="calendarday").update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel_content_type(apps, schema_editor, old="calendar", new="demands")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("demands", "0003_official_holidays"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="CalendarDay",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                               verbose_name="ID")),
                    ("date", models.DateField(unique=True, verbose_name="date")),
                    ("kind", models.CharField(choices=[("holiday", "Public holiday"),
                                                       ("workday", "Adjusted working day")],
                                              max_length=10, verbose_name="kind")),
                    ("name", models.CharField(blank=True, max_length=50,
                                              validators=[yuanqu.core.validators.reject_markup],
                                              verbose_name="name")),
                ],
                options={
                    "verbose_name": "calendar day",
                    "verbose_name_plural": "calendar days",
                    "ordering": ["date"],
                    "db_table": "demands_calendarday",
                },
            ),
        ]),
        # db_table back to the default: renames demands_calendarday to calendar_calendarday.
        migrations.AlterModelTable(name="calendarday", table=None),
        migrations.RunPython(relabel_content_type, relabel_back),
    ]
