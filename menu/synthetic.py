"""Synthetic catalogs of any size, varied from the demo dishes (for benchmarks and tests)."""
from __future__ import annotations

import random
from dataclasses import replace

from .catalog import load_demo_catalog
from .dishes import Dish


def synthetic_catalog(size: int, seed: int = 0, *, spread: float = 0.2) -> list[Dish]:
    """`size` dishes, each a demo dish with nutrition, cost, price and popularity varied by `spread`."""
    rng = random.Random(seed)
    base = load_demo_catalog()
    rng.shuffle(base)
    out = []
    for i in range(size):
        dish = base[i % len(base)]
        out.append(_vary(dish, f"S{i:04d}", i // len(base), rng, spread))
    return out


def _vary(dish: Dish, code: str, copy: int, rng: random.Random, spread: float) -> Dish:
    """One variant of a dish: same kind and attributes, different numbers."""
    def jitter(value: float) -> float:
        return value * rng.uniform(1 - spread, 1 + spread)

    cost = max(1, round(jitter(dish.cost_fen)))
    suffix = f" #{copy}" if copy else ""
    return replace(
        dish, code=code, name=dish.name + suffix, name_en=dish.name_en + suffix,
        energy_kcal=round(jitter(dish.energy_kcal)), protein_g=round(jitter(dish.protein_g), 1),
        fat_g=round(jitter(dish.fat_g), 1), sodium_mg=round(jitter(dish.sodium_mg)),
        cost_fen=cost, price_fen=max(cost, round(jitter(dish.price_fen))),
        popularity=round(min(1.0, max(0.0, jitter(dish.popularity))), 2))
