"""The engine's answer: subsidy lines and what the resident pays."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubsidyLine:
    """One funder's payment under one rule; what a sale must record."""

    policy_id: str
    policy_version: str
    group: str
    rule_id: str
    funder: str
    applies_to: str          # "meal" or "delivery_fee"
    amount_fen: int
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class SubsidyQuote:
    """Subsidy lines for a sale; payable_fen = total_fen - subsidy_fen."""

    lines: tuple[SubsidyLine, ...]
    total_fen: int
    subsidy_fen: int
    payable_fen: int
