"""One-time QR passes: accepted once, within one step of drift, for their own resident."""

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cards.errors import QrError, QrExpired, QrInvalid, QrReused, QrRevoked
from cards.qrpass import (
    AcceptedPass,
    ParsedPass,
    dynamic_payload,
    new_secret,
    parse_pass,
    seconds_left,
    static_payload,
    time_step,
    verify_pass,
)

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
OTHER_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
NOW = 1_764_331_200.0  # the start of step 58811040
STEP = 58_811_040


def check(payload: str, now: float = NOW, last_step: int | None = None) -> AcceptedPass:
    """Parse and verify a pass for resident 1024's secret."""
    return verify_pass(parse_pass(payload), SECRET, now, last_step)


def refusal(payload: str, now: float = NOW, last_step: int | None = None) -> QrError:
    """The error a pass is refused with."""
    with pytest.raises(QrError) as raised:
        check(payload, now, last_step)
    return raised.value


def test_payloads_have_a_stable_format() -> None:
    assert dynamic_payload(1024, SECRET, NOW) == "CP1-1024-58811040-H7NP5A3P"
    assert static_payload(1024, SECRET) == "CS1-1024-1-2PDRIDGP"
    assert static_payload(1024, SECRET, issue=2) == "CS1-1024-2-QM4F6V4Z"


def test_a_fresh_pass_is_accepted() -> None:
    assert check(dynamic_payload(1024, SECRET, NOW + 10)) == AcceptedPass(1024, STEP, False)


def test_a_pass_is_accepted_once_only() -> None:
    payload = dynamic_payload(1024, SECRET, NOW)
    accepted = check(payload, NOW + 5)
    error = refusal(payload, NOW + 6, last_step=accepted.step)
    assert isinstance(error, QrReused)
    assert (error.code, error.message) == (
        "qr_reused",
        "This code was already used. Ask for the new code on the phone.",
    )


def test_an_older_pass_after_a_newer_one_counts_as_reused() -> None:
    older = dynamic_payload(1024, SECRET, NOW - 30)
    assert refusal(older, NOW, last_step=STEP).code == "qr_reused"


def test_the_next_step_is_accepted_after_one_was_used() -> None:
    later = dynamic_payload(1024, SECRET, NOW + 30)
    assert check(later, NOW + 30, last_step=STEP) == AcceptedPass(1024, STEP + 1, False)


@pytest.mark.parametrize("drift", [-30, 30])
def test_one_step_of_clock_drift_is_accepted(drift: int) -> None:
    payload = dynamic_payload(1024, SECRET, NOW + drift)
    assert check(payload, NOW) == AcceptedPass(1024, STEP + drift // 30, False)


def test_a_pass_two_steps_old_has_expired() -> None:
    error = refusal(dynamic_payload(1024, SECRET, NOW - 60))
    assert isinstance(error, QrExpired)
    assert (error.code, error.message) == (
        "qr_expired",
        "This code has expired. Ask for the new code on the phone.",
    )


def test_a_pass_two_steps_ahead_is_refused() -> None:
    error = refusal(dynamic_payload(1024, SECRET, NOW + 60))
    assert (error.code, error.message) == (
        "qr_invalid",
        "This code is from the future: the phone's clock is wrong.",
    )


def test_a_pass_made_with_another_secret_is_invalid() -> None:
    error = refusal(dynamic_payload(1024, OTHER_SECRET, NOW))
    assert isinstance(error, QrInvalid)
    assert (error.code, error.message) == (
        "qr_invalid",
        "This pass is not valid for this resident.",
    )


def test_a_pass_moved_to_another_resident_is_invalid() -> None:
    forged = dynamic_payload(1024, SECRET, NOW).replace("CP1-1024-", "CP1-1025-")
    assert refusal(forged).code == "qr_invalid"


def test_a_dynamic_code_cannot_be_passed_off_as_a_static_one() -> None:
    forged = dynamic_payload(1024, SECRET, NOW).replace("CP1-", "CS1-")
    assert refusal(forged).code == "qr_invalid"


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "CP1",
        "CP1-1024-58811040",
        "CP1-0-58811040-H7NP5A3P",  # resident ids start at 1
        "CP1-01024-58811040-H7NP5A3P",  # no leading zeros
        "CP1-1024-058811040-H7NP5A3P",
        "CP1-1024-58811040-H7NP5A3",  # a character missing
        "CP1-1024-58811040-H7NP5A31",  # 1 is not base32
        "CX1-1024-58811040-H7NP5A3P",
        "CP1 1024 58811040 H7NP5A3P",
        "04A1B2C3",
    ],
)
def test_malformed_payloads_are_invalid(payload: str) -> None:
    with pytest.raises(QrInvalid) as raised:
        parse_pass(payload)
    assert (raised.value.code, raised.value.message) == (
        "qr_invalid",
        "This is not a canteen pass, or it was scanned incompletely.",
    )


def test_a_scanner_typing_lower_case_or_full_width_is_understood() -> None:
    parsed = ParsedPass(1024, False, STEP, "H7NP5A3P")
    assert parse_pass("cp1-1024-58811040-h7np5a3p\r\n") == parsed
    assert parse_pass("ＣＰ１－１０２４－５８８１１０４０－Ｈ７ＮＰ５Ａ３Ｐ") == parsed


def test_a_static_pass_is_flagged_and_may_be_shown_again() -> None:
    parsed = parse_pass(static_payload(1024, SECRET))
    assert parsed == ParsedPass(1024, True, 1, "2PDRIDGP")
    accepted = AcceptedPass(1024, None, True)
    assert verify_pass(parsed, SECRET, NOW) == accepted
    assert verify_pass(parsed, SECRET, NOW + 86_400, last_step=STEP + 2880) == accepted


def test_printing_a_new_static_pass_revokes_the_old_one() -> None:
    old = parse_pass(static_payload(1024, SECRET, issue=1))
    with pytest.raises(QrRevoked) as raised:
        verify_pass(old, SECRET, NOW, current_issue=2)
    assert (raised.value.code, raised.value.message) == (
        "qr_revoked",
        "This printed pass was replaced by a newer one.",
    )


def test_a_static_pass_with_another_secret_is_invalid() -> None:
    with pytest.raises(QrInvalid):
        verify_pass(parse_pass(static_payload(1024, OTHER_SECRET)), SECRET, NOW)


@given(
    st.integers(min_value=1, max_value=10**12 - 1),
    st.floats(min_value=0, max_value=4e9),
    st.binary(min_size=10, max_size=32),
)
def test_any_resident_secret_and_moment_round_trips(
    resident_id: int, now: float, key: bytes
) -> None:
    secret = base64.b32encode(key).decode("ascii")
    accepted = verify_pass(parse_pass(dynamic_payload(resident_id, secret, now)), secret, now)
    assert accepted == AcceptedPass(resident_id, time_step(now), False)


def test_new_secrets_are_160_random_bits_in_base32() -> None:
    first, second = new_secret(), new_secret()
    assert len(base64.b32decode(first)) == 20
    assert first != second


@pytest.mark.parametrize(("offset", "left"), [(0, 30), (0.5, 30), (1, 29), (29.2, 1)])
def test_seconds_left_counts_down_within_the_step(offset: float, left: int) -> None:
    assert seconds_left(NOW + offset) == left


def test_moments_may_be_aware_datetimes() -> None:
    moment = datetime(2025, 11, 28, 20, 0, 10, tzinfo=timezone(timedelta(hours=8)))
    assert moment.astimezone(UTC).timestamp() == NOW + 10
    assert time_step(moment) == STEP
    assert seconds_left(moment) == 20
    with pytest.raises(ValueError, match="aware datetime"):
        time_step(moment.replace(tzinfo=None))
