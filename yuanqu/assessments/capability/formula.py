"""A small, safe expression language over one firm's annual indicators.

A formula names AnnualIndicator fields (`revenue`), the previous year's values (`prev.revenue`),
numbers, + - * / (also the signs − × ÷) and parentheses. It is parsed with `ast` and compiled to
closures over a whitelist of node types; nothing is ever passed to `eval`. A missing input or a
zero denominator makes the result missing (with the reason), never zero.
"""

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from yuanqu.enterprises.models import INDICATOR_FIELDS

MAX_LENGTH = 300
MAX_NODES = 60
PREVIOUS = "prev"
_SIGNS = str.maketrans({"−": "-", "×": "*", "÷": "/", "（": "(", "）": ")", "＋": "+", "－": "-"})
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


class FormulaError(ValueError):
    """The formula is not in the language; the message says where and why (Chinese)."""


@dataclass(frozen=True)
class Missing:
    """Why a formula has no value: an input is missing (`field`, `previous`) or a denominator is 0."""

    field: str | None = None
    previous: bool = False
    zero_denominator: bool = False


class _Stop(Exception):  # noqa: N818 - control flow inside evaluation, never escapes
    def __init__(self, reason: Missing):
        self.reason = reason


Evaluator = Callable[[Mapping, Mapping | None], float]


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its text, the fields it reads (current and previous year) and its closure."""

    text: str
    fields: frozenset[str]
    previous_fields: frozenset[str]
    run: Evaluator
    tree: ast.expr

    def array(self, current: Mapping, previous: Mapping, size: int):
        """The formula over whole columns (numpy arrays by field name, NaN for missing) at once:
        NaN wherever an input is missing or a denominator is 0."""
        import numpy as np

        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            out = np.broadcast_to(_vector(self.tree)(current, previous), (size,)).astype(float)
        out[~np.isfinite(out)] = np.nan
        return out

    def evaluate(self, current: Mapping, previous: Mapping | None = None) -> float | Missing:
        """The value, or a `Missing` saying which input was absent or that a denominator was 0."""
        try:
            return self.run(current, previous)
        except _Stop as stop:
            return stop.reason


def parse(text: str, allowed=INDICATOR_FIELDS) -> Formula:
    """Parse and compile `text`; FormulaError (Chinese) for anything outside the language."""
    source = (text or "").translate(_SIGNS).strip()
    if not source:
        raise FormulaError(_("The formula is empty."))
    if len(source) > MAX_LENGTH:
        raise FormulaError(_("The formula is longer than %(n)d characters.") % {"n": MAX_LENGTH})
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(_("Syntax error in the formula at character %(n)s.")
                           % {"n": exc.offset or 1}) from None
    if sum(1 for _node in ast.walk(tree)) > MAX_NODES:
        raise FormulaError(_("The formula is too long (more than %(n)d parts).") % {"n": MAX_NODES})
    compiler = _Compiler(frozenset(allowed))
    run = compiler.compile(tree.body)
    return Formula(source, frozenset(compiler.fields), frozenset(compiler.previous), run, tree.body)


class _Compiler:
    def __init__(self, allowed):
        self.allowed, self.fields, self.previous = allowed, set(), set()

    def compile(self, node) -> Evaluator:
        handler = getattr(self, f"_{type(node).__name__}", None)
        if handler is None:
            raise FormulaError(_("“%(part)s” is not allowed in a formula (only indicator names, prev.<name>, "
                                 "numbers, + - * / and parentheses).") % {"part": _describe(node)})
        return handler(node)

    def _Constant(self, node):  # noqa: N802
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(_("Only numbers may appear as constants in a formula."))
        value = float(node.value)
        return lambda cur, prev: value

    def _Name(self, node):  # noqa: N802
        name = self._field(node.id)
        self.fields.add(name)
        return lambda cur, prev: _read(cur, name, False)

    def _Attribute(self, node):  # noqa: N802
        if not (isinstance(node.value, ast.Name) and node.value.id == PREVIOUS):
            raise FormulaError(_("Only prev.<name> may use a dot in a formula."))
        name = self._field(node.attr)
        self.previous.add(name)
        return lambda cur, prev: _read(prev, name, True)

    def _UnaryOp(self, node):  # noqa: N802
        inner = self.compile(node.operand)
        if isinstance(node.op, ast.USub):
            return lambda cur, prev: -inner(cur, prev)
        if isinstance(node.op, ast.UAdd):
            return inner
        raise FormulaError(_("“%(part)s” is not allowed in a formula (only indicator names, prev.<name>, "
                             "numbers, + - * / and parentheses).") % {"part": _describe(node.op)})

    def _BinOp(self, node):  # noqa: N802
        left, right = self.compile(node.left), self.compile(node.right)
        if isinstance(node.op, ast.Div):
            return lambda cur, prev: _divide(left(cur, prev), right(cur, prev))
        op = _OPERATORS.get(type(node.op))
        if op is None:
            raise FormulaError(_("“%(part)s” is not allowed in a formula (only indicator names, prev.<name>, "
                                 "numbers, + - * / and parentheses).") % {"part": _describe(node.op)})
        return lambda cur, prev: op(left(cur, prev), right(cur, prev))

    def _field(self, name):
        if name not in self.allowed:
            raise FormulaError(_("Unknown indicator “%(name)s” in the formula.") % {"name": name})
        return name


def _read(values, name, previous):
    value = None if values is None else values.get(name)
    if value is None:
        raise _Stop(Missing(field=name, previous=previous))
    return float(value)


def _divide(numerator, denominator):
    if denominator == 0:
        raise _Stop(Missing(zero_denominator=True))
    return numerator / denominator


_DESCRIPTIONS = {
    "Call": "()", "Pow": "**", "Mod": "%", "FloorDiv": "//", "Compare": "比较", "BoolOp": "and/or",
    "Subscript": "[]", "Lambda": "lambda", "IfExp": "if", "BitXor": "^", "BitAnd": "&", "BitOr": "|",
    "Not": "not", "Invert": "~", "Tuple": ",", "List": "[]", "Dict": "{}", "JoinedStr": "f''",
}


def _describe(node) -> str:
    kind = type(node).__name__
    return _DESCRIPTIONS.get(kind, kind)


def _vector(node):
    """The same (already checked) tree over numpy columns: NaN propagates, x / 0 is NaN."""
    if isinstance(node, ast.Constant):
        value = float(node.value)
        return lambda cur, prev: value
    if isinstance(node, ast.Name):
        return lambda cur, prev, name=node.id: cur[name]
    if isinstance(node, ast.Attribute):
        return lambda cur, prev, name=node.attr: prev[name]
    if isinstance(node, ast.UnaryOp):
        inner = _vector(node.operand)
        return (lambda cur, prev: -inner(cur, prev)) if isinstance(node.op, ast.USub) else inner
    left, right = _vector(node.left), _vector(node.right)
    if isinstance(node.op, ast.Div):
        return lambda cur, prev: _vector_divide(left(cur, prev), right(cur, prev))
    op = _OPERATORS[type(node.op)]
    return lambda cur, prev: op(left(cur, prev), right(cur, prev))


def _vector_divide(numerator, denominator):
    import numpy as np

    return np.where(denominator == 0, np.nan, np.divide(numerator, denominator))
