"""Load the official public holidays that ship with Yuanqu (data/holidays.csv) into the calendar.

A fresh installation then counts 春节 and 国庆 as days off without anyone entering them. Days already
in the calendar are kept. Later years come with `manage.py load_holidays`.
"""

from django.db import migrations


def load_bundled(apps, schema_editor):
    from yuanqu.calendar import holidays  # moved from demands (calendar 0001)

    holidays.load(holidays.read(), model=apps.get_model("demands", "CalendarDay"),
                  using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [("demands", "0002_text_length_messages_sorted_index")]

    operations = [migrations.RunPython(load_bundled, migrations.RunPython.noop)]
