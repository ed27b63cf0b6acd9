"""GB 32100 / GB 11714 checks, pure (no database)."""

import pytest
from django.core.exceptions import ValidationError

from yuanqu.reference.creditcode import make_credit_code, normalise, problem, validate_credit_code

VALID = ["91350100M000100Y43", "91370215MA3CXK8RX6", "91370212264789156M", "52370200MJD607315P"]


@pytest.mark.parametrize("code", VALID)
def test_published_examples_are_valid(code):
    assert problem(code) is None


def test_changed_check_character_is_rejected_with_reason():
    assert "18" in problem("91370215MA3CXK8RX7")


def test_wrong_org_code_check_character_is_rejected():
    # Change the 17th (org-code check) and recompute the 18th so only the org check fails.
    from yuanqu.reference.creditcode import uscc_check_char

    first17 = "91370215MA3CXK8R" + "1"
    assert "17" in problem(first17 + uscc_check_char(first17))


@pytest.mark.parametrize("bad", ["91370215MA3CXK8RX", "91370215MA3CXK8RX66", "", "9137021SMA3CXK8RX6"])
def test_wrong_length_or_shape(bad):
    assert problem(normalise(bad)) is not None


@pytest.mark.parametrize("letter", "IOSVZ")
def test_letters_outside_the_alphabet_are_refused(letter):
    assert problem("91370215MA3CXK8" + letter + "X6") is not None


def test_normalise_trims_uppercases_and_folds_full_width():
    assert normalise("  91370215ma3cxk8rx6 ") == "91370215MA3CXK8RX6"
    assert normalise("９１３７０２１５ＭＡ３ＣＸＫ８ＲＸ６") == "91370215MA3CXK8RX6"


def test_validator_accepts_lower_case_and_spaces():
    validate_credit_code(" 91370215ma3cxk8rx6")


def test_validator_message_is_chinese():
    with pytest.raises(ValidationError) as info:
        validate_credit_code("91370215MA3CXK8RX7")
    assert "校验" in info.value.messages[0]


def test_make_credit_code_builds_valid_codes():
    for n in range(200):
        assert problem(make_credit_code("91", "370215", f"MA{n:06d}")) is None
