from django.db import migrations


def load(apps, schema_editor):
    from yuanqu.reference.loaders import load_reference

    load_reference(apps.get_model("reference", "IndustryCode"), apps.get_model("reference", "Region"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
