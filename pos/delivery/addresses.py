"""Where a stop is: the area its run covers, and its place in a walk through the area (building, unit, room).

Addresses are written as people write them, e.g. 幸福里小区3号楼2单元501室: the estate, then the building (号楼,
栋, 幢), the unit (单元) and the room. The area is the resident's community if recorded, else the estate (the
text before the building); a rider walks building by building, unit by unit, floor by floor.
"""
from __future__ import annotations

import re

BUILDING = re.compile(r"(\d+)\s*(?:号楼|栋|幢|号院|座)")
UNIT = re.compile(r"(\d+)\s*单元")
ROOM = re.compile(r"(\d+)\s*(?:室|号房|户)?\s*$")
NONE = 10**6  # an address without a building, unit or room comes after those with one
NO_AREA = "未分区"


def area_of(community: str, address: str) -> str:
    """The area a stop belongs to: the resident's community, else the estate named before the building."""
    if community.strip():
        return community.strip()[:60]
    found = BUILDING.search(address)
    estate = (address[:found.start()] if found else address).strip()
    return estate[:60] or NO_AREA


def walk_key(address: str) -> tuple[int, int, int, str]:
    """The order a rider reaches addresses within an area: building, unit, room, then the text."""
    building, unit = BUILDING.search(address), UNIT.search(address)
    rest = address[max(building.end() if building else 0, unit.end() if unit else 0):]
    room = ROOM.search(rest) if (building or unit) else None
    return (int(building.group(1)) if building else NONE, int(unit.group(1)) if unit else NONE,
            int(room.group(1)) if room else NONE, address)
