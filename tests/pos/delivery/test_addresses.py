"""Areas and the walk order of addresses as people write them."""
from __future__ import annotations

from pos.delivery.addresses import NO_AREA, area_of, walk_key


def test_the_area_is_the_community_else_the_estate():
    assert area_of("幸福社区", "幸福里小区3号楼2单元501室") == "幸福社区"
    assert area_of("", "幸福里小区3号楼2单元501室") == "幸福里小区"
    assert area_of("", "和平路12栋") == "和平路"
    assert area_of("  ", "") == NO_AREA


def test_a_walk_goes_building_by_building_unit_by_unit_room_by_room():
    addresses = ["幸福里小区12号楼1单元101室", "幸福里小区3号楼2单元501室", "幸福里小区3号楼1单元602",
                 "幸福里小区3号楼2单元201室", "幸福里小区门卫室", "幸福里小区3栋"]
    assert sorted(addresses, key=walk_key) == [
        "幸福里小区3号楼1单元602", "幸福里小区3号楼2单元201室", "幸福里小区3号楼2单元501室", "幸福里小区3栋",
        "幸福里小区12号楼1单元101室", "幸福里小区门卫室"]
