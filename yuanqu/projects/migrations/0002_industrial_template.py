"""The built-in industrial project template (park None: every park may use it).

The steps of `schedule.INDUSTRIAL_TEMPLATE`, written out here so the migration keeps its meaning
whatever that module becomes: 签约 → 公司注册 → 土地摘牌 → 规划许可 → 施工许可 → 开工 → 主体封顶 →
竣工验收 → 投产, with 环评批复 and 施工图审查 beside the planning permit and 设备采购 beside the
building work. Durations in working days.
"""

from django.db import migrations

NAME = "工业项目（标准流程）"
STEPS = [
    ("sign", "签约", 0, []),
    ("register", "公司注册", 10, ["sign"]),
    ("land", "土地摘牌", 30, ["register"]),
    ("eia", "环评批复", 25, ["register"]),
    ("planning", "规划许可", 20, ["land"]),
    ("design", "施工图审查", 25, ["land"]),
    ("permit", "施工许可", 15, ["planning", "design", "eia"]),
    ("start", "开工", 0, ["permit"]),
    ("topping", "主体封顶", 120, ["start"]),
    ("equipment", "设备采购", 60, ["start"]),
    ("acceptance", "竣工验收", 60, ["topping"]),
    ("operation", "投产", 20, ["acceptance", "equipment"]),
]


def add_template(apps, schema_editor):
    Template = apps.get_model("projects", "MilestoneTemplate")
    Step = apps.get_model("projects", "TemplateStep")
    template, created = Template.objects.get_or_create(park=None, name=NAME)
    if created:
        Step.objects.bulk_create([Step(template=template, order=i, key=key, name=name, duration_days=days,
                                       after=after) for i, (key, name, days, after) in enumerate(STEPS)])


def remove_template(apps, schema_editor):
    apps.get_model("projects", "MilestoneTemplate").objects.filter(park=None, name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_template, remove_template)]
