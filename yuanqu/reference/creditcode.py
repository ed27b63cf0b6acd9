"""统一社会信用代码 (GB 32100-2015) with the embedded 组织机构代码 check (GB 11714-1997)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS_18 = [pow(3, i, 31) for i in range(17)]
WEIGHTS_ORG = [3, 7, 9, 10, 5, 8, 4, 2]
SHAPE = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$")


def normalise(raw) -> str:
    """Trim and upper-case; full-width letters and digits become half-width."""
    text = "" if raw is None else str(raw)
    text = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)
    return re.sub(r"\s+", "", text).upper()


def uscc_check_char(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS_18, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_char(body8: str) -> str:
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w
                for c, w in zip(body8, WEIGHTS_ORG, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def problem(code: str) -> str | None:
    """The reason `code` (already normalised) is not a valid credit code, or None."""
    if len(code) != 18:
        return _("A unified social credit code has 18 characters (got %(n)d).") % {"n": len(code)}
    if not SHAPE.match(code):
        return _("Contains characters not allowed in a credit code (I, O, S, V, Z or symbols), "
                 "or characters 3–8 are not digits.")
    if org_check_char(code[8:16]) != code[16]:
        return _("The organisation-code check character (17th) is wrong.")
    if uscc_check_char(code[:17]) != code[17]:
        return _("The check character (18th) is wrong; please check for a typo.")
    return None


def validate_credit_code(value):
    """Model/form validator: refuses a value whose normalised form is invalid."""
    reason = problem(normalise(value))
    if reason:
        raise ValidationError(reason, code="invalid_credit_code")


def make_credit_code(prefix: str, region: str, body8: str) -> str:
    """Build a valid code from its parts (for demo data and tests)."""
    first17 = prefix + region + body8 + org_check_char(body8)
    return first17 + uscc_check_char(first17)
