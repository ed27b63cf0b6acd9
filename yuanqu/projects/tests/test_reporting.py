"""The Word report and the Excel ledger, built from hand-made dataclasses and read back (no database)."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
from docx import Document
from docx.oxml.ns import qn

from yuanqu.projects import reporting
from yuanqu.projects.reporting import ActionRow, DispatchReport, MilestoneRow, ProjectRow

AS_OF = date(2025, 5, 12)
MILESTONES = (MilestoneRow("sign", "签约", date(2025, 1, 10), date(2025, 1, 9)),
              MilestoneRow("cap", "主体封顶", date(2025, 4, 25)),
              MilestoneRow("done", "竣工验收", date(2025, 9, 30)))


def report(**extra) -> DispatchReport:
    projects = (
        ProjectRow("智能装备产业园", "city", Decimal("120000"), Decimal("30000"), Decimal("45000.50"),
                   "building", "red", "张三", "主体封顶 逾期 9 个工作日", ("供电未接入",), MILESTONES),
        ProjectRow("=HYPERLINK(\"x\")生物医药基地", "district", Decimal("80000"), Decimal("20000"),
                   Decimal("10000"), "started", "red", "李四"),
        ProjectRow("新材料中试平台", "park", Decimal("9000"), None, Decimal("0"), "land", "yellow", "",
                   "竣工验收 预计滞后 3 个工作日",
                   milestones=(MilestoneRow("land", "土地摘牌", date(2025, 5, 30), date(2025, 5, 6)),)),
        ProjectRow("智慧物流园", "park", Decimal("96000"), Decimal("12000"), Decimal("50000"), "operating",
                   "green", "王五"),
    )
    actions = (ActionRow("加快供电接入", "协调供电公司完成接入", "李四", date(2025, 5, 20), "智能装备产业园"),
               ActionRow("完善手续", "办理施工许可", "赵六", date(2025, 5, 13), done_on=date(2025, 5, 12),
                         result="已取得"))
    carried = (ActionRow("土地摘牌", "完成挂牌出让", "钱七", date(2025, 4, 30), "新材料中试平台",
                         meeting="第17周调度会"),)
    fields = {"park": "高新园区", "held_on": date(2025, 5, 12), "as_of": AS_OF, "title": "第20周调度会",
              "chair": "王主任", "minutes": "听取各专班汇报。\n\n要求红色项目一周内拿出整改方案。",
              "projects": projects, "actions": actions, "carried": carried}
    return DispatchReport(**{**fields, **extra})


def read_docx(data: bytes):
    return Document(io.BytesIO(data))


def fill(cell) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shading.get(qn("w:fill")) if shading is not None else None


def project_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[1].text == "项目名称")


def test_figures_are_worded_in_wan_and_yi():
    assert reporting.plain_number(Decimal("12000.00")) == "12000"
    assert reporting.plain_number(Decimal("3049.50")) == "3049.5"
    assert reporting.plain_number(None) == "—"
    assert reporting.money_text(Decimal("304900")) == "30.49亿元"
    assert reporting.money_text(Decimal("9000")) == "9000万元"


def test_overview_counts_colours_money_problems_and_actions():
    text = reporting.overview_text(report())
    assert text == ("截至2025年5月12日，园区在册重点项目4个，总投资30.50亿元，年度计划投资6.20亿元，"
                    "累计完成投资10.50亿元（占总投资的34.4%）。其中红色（逾期）项目2个，黄色（滞后）项目1个，"
                    "绿色（正常推进）项目1个；未解决问题1个，未办结督办事项2项（其中逾期1项）。")


def test_docx_heading_sections_and_the_red_projects_by_name():
    doc = read_docx(reporting.build_dispatch_docx(report()))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "高新园区重点项目周调度报告（第20周）"
    assert "第20周调度会　2025年5月12日　主持：王主任" in texts
    red = texts.index("一、红色（逾期）项目")
    yellow = texts.index("二、黄色（滞后）项目")
    assert texts[red + 1:yellow] == [
        "1. 智能装备产业园：主体封顶 逾期 9 个工作日，责任人 张三；存在问题：供电未接入。",
        "2. =HYPERLINK(\"x\")生物医药基地：责任人 李四。"]
    assert texts[yellow + 1] == "1. 新材料中试平台：竣工验收 预计滞后 3 个工作日，责任人 未指定。"
    assert "要求红色项目一周内拿出整改方案。" in texts and "三、会议议定事项" in texts


def test_docx_final_minutes_are_titled_as_minutes():
    doc = read_docx(reporting.build_dispatch_docx(report(final=True)))
    assert doc.paragraphs[0].text == "高新园区重点项目周调度会议纪要（第20周）"


def test_docx_project_table_shades_red_and_yellow_rows():
    table = project_table(read_docx(reporting.build_dispatch_docx(report())))
    header = [c.text for c in table.rows[0].cells]
    assert header == ["序号", "项目名称", "级别", "总投资（万元）", "年度计划（万元）", "累计完成（万元）",
                      "当前阶段", "状态", "存在问题", "责任人"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows[0] == ["1", "智能装备产业园", "市级", "120000", "30000", "45000.5", "在建", "红",
                       "主体封顶 逾期 9 个工作日；供电未接入", "张三"]
    assert rows[2][7] == "黄" and rows[2][4] == "—" and rows[3][7] == "绿"
    statuses = [(row.cells[7].text, fill(row.cells[7]), fill(row.cells[1])) for row in table.rows[1:]]
    assert statuses == [("红", "FF0000", "FFC7CE"), ("红", "FF0000", "FFC7CE"), ("黄", "FFFF00", "FFEB9C"),
                        ("绿", "00B050", None)]
    red_names = [row.cells[1].text for row in table.rows[1:] if fill(row.cells[7]) == "FF0000"]
    assert red_names == ["智能装备产业园", "=HYPERLINK(\"x\")生物医药基地"]


def test_docx_actions_tables_and_chinese_fonts():
    doc = read_docx(reporting.build_dispatch_docx(report()))
    decided, carried = [t for t in doc.tables if t.rows[0].cells[2].text == "决定事项"]
    assert [c.text for c in decided.rows[1].cells] == [
        "1", "智能装备产业园", "加快供电接入", "协调供电公司完成接入", "李四", "2025-05-20", "办理中"]
    assert decided.rows[2].cells[6].text == "已办结：已取得"
    assert carried.rows[1].cells[6].text == "已逾期"
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    first_run = doc.paragraphs[0].runs[0]._element.rPr.rFonts
    assert first_run.get(qn("w:eastAsia")) == "宋体"
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # the table's page is landscape


def test_docx_without_projects_or_actions_says_none():
    doc = read_docx(reporting.build_dispatch_docx(report(projects=(), actions=(), carried=(), minutes="")))
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("一、红色（逾期）项目") + 1] == "无。"
    assert "本次会议未形成督办事项。" in texts and "无未办结的前期督办事项。" in texts
    assert "园区在册重点项目0个" in texts[2]


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_ledger_one_row_per_project_with_milestones_planned_and_actual():
    wb = load(reporting.build_ledger_xlsx(report()))
    assert wb.sheetnames == ["重点项目台账", "督办事项"]
    ws = wb["重点项目台账"]
    assert ws["A1"].value == "高新园区重点项目台账（截至2025年5月12日）"
    assert [ws.cell(2, c).value for c in range(1, 11)] == [
        "序号", "项目名称", "级别", "总投资（万元）", "年度计划（万元）", "累计完成（万元）", "当前阶段",
        "状态", "存在问题", "责任人"]
    # milestones in order of first appearance, two columns each
    assert [ws.cell(2, c).value for c in range(11, 19, 2)] == ["签约", "主体封顶", "竣工验收", "土地摘牌"]
    assert [ws.cell(3, c).value for c in (11, 12)] == ["计划完成", "实际完成"]
    assert ws.max_row == 3 + 4
    first = [ws.cell(4, c).value for c in range(1, 11)]
    assert first == [1, "智能装备产业园", "市级", 120000, 30000, 45000.5, "在建", "红",
                     "主体封顶 逾期 9 个工作日；供电未接入", "张三"]
    assert ws.cell(4, 11).value.date() == date(2025, 1, 10)
    assert ws.cell(4, 12).value.date() == date(2025, 1, 9)
    assert ws.cell(4, 14).value is None  # 主体封顶 not done
    assert ws.cell(6, 17).value.date() == date(2025, 5, 30)  # the yellow project's own milestone


def test_ledger_styling_frozen_header_widths_formats_and_colours():
    ws = load(reporting.build_ledger_xlsx(report()))["重点项目台账"]
    assert ws.freeze_panes == "C4"
    assert ws["B2"].font.bold and ws["B2"].fill.fgColor.rgb.endswith("D9E1F2")
    assert ws.column_dimensions["B"].width == 28 and ws.column_dimensions["I"].width == 40
    assert ws["D4"].number_format == "#,##0.00" and ws["K4"].number_format == "yyyy-mm-dd"
    assert [ws.cell(r, 8).value for r in range(4, 8)] == ["红", "红", "黄", "绿"]
    fills = [ws.cell(r, 8).fill.fgColor.rgb[-6:] for r in range(4, 8)]
    assert fills == ["FF0000", "FF0000", "FFFF00", "00B050"]
    assert ws["M4"].fill.fgColor.rgb.endswith("FFC7CE")  # 主体封顶 due 25 April, not done: flagged
    assert "A2:A3" in {str(r) for r in ws.merged_cells.ranges}


def test_ledger_text_that_looks_like_a_formula_stays_text():
    ws = load(reporting.build_ledger_xlsx(report()))["重点项目台账"]
    assert ws["B5"].value == "=HYPERLINK(\"x\")生物医药基地" and ws["B5"].data_type == "s"


def test_ledger_actions_sheet_with_states():
    ws = load(reporting.build_ledger_xlsx(report()))["督办事项"]
    assert [c.value for c in ws[2]] == ["序号", "会议", "项目", "决定事项", "督办事项", "责任人", "完成时限",
                                        "完成日期", "办理结果", "状态"]
    states = [(ws.cell(r, 2).value, ws.cell(r, 10).value) for r in range(3, ws.max_row + 1)]
    assert states == [("第20周调度会", "办理中"), ("第20周调度会", "已办结"), ("第17周调度会", "已逾期")]
    assert ws.cell(5, 10).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.freeze_panes == "A3"


def test_file_names_are_chinese():
    r = report()
    assert reporting.docx_filename(r) == "高新园区重点项目周调度报告（第20周）.docx"
    assert reporting.ledger_filename(r) == "高新园区重点项目台账（20250512）.xlsx"
