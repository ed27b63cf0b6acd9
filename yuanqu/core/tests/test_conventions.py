"""Conventions the whole code base keeps, checked by walking the source."""

import ast
import re
from pathlib import Path

import yuanqu

ROOT = Path(yuanqu.__file__).resolve().parent
TEMPLATES = ROOT.parent / "templates"
TEMPLATE_ROLE_TEST = re.compile(r"\.role\s*(==|!=|\bin\b|\bnot in\b)")


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts)
        if "migrations" in parts or "tests" in parts or "testing" in parts:
            continue
        yield path


def _compares_role(node) -> bool:
    """`x.role == …`, `x.role != …`, `x.role in …` (either side)."""
    if not isinstance(node, ast.Compare):
        return False
    sides = [node.left, *node.comparators]
    return any(isinstance(side, ast.Attribute) and side.attr == "role" for side in sides)


def test_role_comparisons_live_only_in_permissions_modules():
    offenders = []
    for path in _sources():
        if path.name == "permissions.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                      if _compares_role(node)]
    assert offenders == [], "compare roles only in permissions.py predicates: " + ", ".join(offenders)


def test_the_walker_finds_a_role_comparison():
    assert _compares_role(ast.parse("user.role == 'x'").body[0].value)
    assert _compares_role(ast.parse("'x' != user.role").body[0].value)
    assert not _compares_role(ast.parse("role == 'x'").body[0].value)


def test_templates_never_look_at_a_role():
    """Pages ask the menu's or the view's predicates (`menu.triage`), never `user.role == …`."""
    offenders = [f"{path.relative_to(TEMPLATES)}:{n}" for path in sorted(TEMPLATES.rglob("*.html"))
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if TEMPLATE_ROLE_TEST.search(line)]
    assert offenders == [], ", ".join(offenders)
    assert TEMPLATE_ROLE_TEST.search('{% if user.role == "enterprise" %}')
    assert not TEMPLATE_ROLE_TEST.search("{{ c.role }} {{ user.get_role_display }}")
