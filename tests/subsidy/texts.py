"""Small policy files written inline for tests of the format and the engine."""
from __future__ import annotations

HEAD = '''
[policy]
id = "{pid}"
version = "{version}"
name_zh = "测试补贴"
name_en = "Test subsidy"
effective_from = {start}
{extra_head}

[funders.city]
name_zh = "市"
name_en = "City"
'''

ONE_RULE = '''
[groups.meal]
name_zh = "助餐"
name_en = "Meals"
per_day_count = 1

[[rules]]
id = "everyone"
group = "meal"
name_zh = "所有人"
name_en = "everyone"
subsidy_fen = {subsidy}
'''


def policy_text(version: str = "v1", start: str = "2025-01-01", subsidy: int = 500,
                pid: str = "test", extra_head: str = "", body: str | None = None) -> str:
    """A valid one-funder policy; `body` replaces the default single rule."""
    rules = ONE_RULE.format(subsidy=subsidy) if body is None else body
    return HEAD.format(pid=pid, version=version, start=start, extra_head=extra_head) + rules
