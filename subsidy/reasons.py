"""Plain-language reasons for a receipt or statement, in zh_CN and en."""
from __future__ import annotations

from .model import Funder, PolicyVersion, Rule


def yuan(fen: int) -> str:
    """Fen as a yuan amount with two decimals, e.g. 1250 -> '12.50'."""
    return f"{fen // 100}.{fen % 100:02d}"


def reason(policy: PolicyVersion, rule: Rule, funder: Funder, amount_fen: int,
           lost: tuple[Funder, ...]) -> tuple[str, str]:
    """Why this funder pays this amount, as (zh_CN, en)."""
    zh = (f"{policy.name_zh}（{policy.version}）· {rule.name_zh}："
          f"{funder.name_zh}补贴{yuan(amount_fen)}元")
    en = (f"{policy.name_en} ({policy.version}) · {rule.name_en}: "
          f"{funder.name_en} pays {yuan(amount_fen)} yuan")
    if lost:
        zh += f"（在户籍所在地以外就餐，{'、'.join(f.name_zh for f in lost)}部分不予补贴）"
        en += f" (eaten outside the home area: no {', '.join(f.name_en for f in lost)} share)"
    return zh, en
