"""The default demand taxonomy every new park starts with (admins edit it afterwards)."""

from django.db import transaction

from yuanqu.accounts.models import Department

from .models import Category, SubType

# code, name, default department (if the park has one of that name), (normal days, urgent days,
# emergency hours), sub-types. Codes match the seed corpus labels the classifier learns.
DEFAULTS = [
    ("policy", "惠企政策", "经济发展部", (10, 3, 24),
     ["政策咨询", "资金补贴申报", "资质认定", "税费减免", "融资金融"]),
    ("infrastructure", "基础设施配套", "规划建设部", (10, 3, 4),
     ["道路交通", "水电气暖", "网络通信", "厂房用地", "环境绿化", "停车配套"]),
    ("talent", "人才引进", "社会事务部", (10, 3, 24),
     ["招工用工", "高层次人才", "人才住房", "子女入学", "技能培训"]),
    ("safety", "安全生产", "安全生产监督部", (5, 2, 2),
     ["隐患排查", "消防安全", "危化品管理", "特种设备", "安全培训"]),
    ("orders", "订单缺失", "招商服务部", (15, 5, 24),
     ["寻找客户", "原料供应", "产能闲置", "展会对接", "物流运输"]),
    ("community", "民情民意", "社会事务部", (10, 3, 12),
     ["噪音扰民", "环境投诉", "治安秩序", "公共交通", "生活配套", "邻里纠纷"]),
]


@transaction.atomic
def install_default_taxonomy(park):
    """Create the six default categories and their sub-types; existing ones are left alone."""
    departments = {d.name: d for d in Department.objects.filter(park=park)}
    for order, (code, name, dept, (normal, urgent, hours), subtypes) in enumerate(DEFAULTS):
        category, _created = Category.objects.get_or_create(park=park, code=code, defaults={
            "name": name, "department": departments.get(dept), "order": order, "days_normal": normal,
            "days_urgent": urgent, "hours_emergency": hours})
        if category.department is None and departments.get(dept):
            category.department = departments[dept]
            category.save(update_fields=["department"])
        for sub in subtypes:
            SubType.objects.get_or_create(category=category, name=sub)
