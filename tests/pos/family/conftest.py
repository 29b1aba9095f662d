"""A resident (张桂兰) and a second one (王建国), and staff who set up family members."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from pos.audit import Actor

PHONE = "13912345678"
PIN = "4682"


@dataclass
class Family:
    zhang: int
    wang: int
    staff: Actor


@pytest.fixture
def family(make) -> Family:
    make.canteen()
    manager = make.user(username="manager-family", role="manager")
    return Family(make.resident(name="张桂兰", balance_fen=3000), make.resident(name="王建国"), Actor(staff_id=manager.id))
