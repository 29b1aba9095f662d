"""Split a subsidy among funders, and drop shares paid only at home."""
from __future__ import annotations

from .facts import Area
from .model import Funder, Share


def split(amount_fen: int, shares: tuple[Share, ...]) -> list[tuple[str, int]]:
    """Fill fixed shares in listed order, at most what is left; "rest" takes the remainder."""
    left, parts = amount_fen, []
    for share in shares:
        part = 0 if share.fen is None else min(share.fen, left)
        left -= part
        parts.append((share.funder, part))
    # The rest is known only after every fixed share, wherever "rest" is listed.
    return [(funder, left if share.fen is None else part)
            for share, (funder, part) in zip(shares, parts, strict=True)]


def pays_here(funder: Funder, home: Area, canteen: Area) -> bool:
    """True if the funder pays for a meal eaten at this canteen by a resident of `home`."""
    return home.same_as(canteen, funder.pays_within)


def trim_from_end(parts: list[tuple[str, int]], limit: int) -> list[tuple[str, int]]:
    """Reduce parts to total at most `limit`, taking from the last listed funder first."""
    excess = sum(a for _, a in parts) - limit
    out = list(parts)
    for i in range(len(out) - 1, -1, -1):
        if excess <= 0:
            break
        cut = min(excess, out[i][1])
        out[i] = (out[i][0], out[i][1] - cut)
        excess -= cut
    return out
