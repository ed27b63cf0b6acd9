"""CalendarDay now belongs to the calendar app: drop it from demands' state only.

The table and its rows are kept; calendar 0001 took them over (and renamed the table).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("calendar", "0001_initial"),
        ("demands", "0004_demand_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="CalendarDay")]),
    ]
