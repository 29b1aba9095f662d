"""The LP relaxation of a menu model (GLOP): its bound and each choice's reduced cost.

Reduced-cost fixing makes the optimising phase exact on a smaller model: a choice whose LP
bound plus reduced cost exceeds a known plan's objective is in no better plan, so the solver
may leave it out and its proven bound still holds for the whole catalog.
"""
from __future__ import annotations

from dataclasses import dataclass

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Relaxation:
    """The LP bound and, per model variable index, its reduced cost (0 when basic)."""

    bound: float
    reduced_costs: dict[int, float]


def relax(model: cp_model.CpModel) -> Relaxation | None:
    """Solve the model's LP relaxation; None if GLOP does not reach an optimum.

    Constraints other than linear, exactly/at most one and clauses are left out, which keeps
    the relaxation valid (only weaker).
    """
    proto = model.proto
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:
        return None
    xs = [lp.NumVar(float(list(v.domain)[0]), float(list(v.domain)[-1]), "") for v in proto.variables]

    def literal(ref: int):
        return (xs[ref], 0.0, 1.0) if ref >= 0 else (xs[-ref - 1], 1.0, -1.0)  # x, constant, sign

    def add_row(refs, coeffs, low: float, high: float) -> None:
        row = lp.RowConstraint(low, high, "")
        shift = 0.0
        for ref, coeff in zip(refs, coeffs):
            var, constant, sign = literal(ref)
            row.SetCoefficient(var, row.GetCoefficient(var) + sign * coeff)
            shift += constant * coeff
        row.SetBounds(low - shift, high - shift)

    inf = lp.infinity()
    for c in proto.constraints:
        if c.enforcement_literal:
            continue
        if c.has_linear():
            domain = list(c.linear.domain)
            low, high = domain[0], domain[-1]
            add_row(c.linear.vars, c.linear.coeffs, -inf if low <= cp_model.INT_MIN else low,
                    inf if high >= cp_model.INT_MAX else high)
        elif c.has_exactly_one():
            add_row(c.exactly_one.literals, [1] * len(c.exactly_one.literals), 1, 1)
        elif c.has_at_most_one():
            add_row(c.at_most_one.literals, [1] * len(c.at_most_one.literals), -inf, 1)
        elif c.has_bool_or():
            add_row(c.bool_or.literals, [1] * len(c.bool_or.literals), 1, inf)
    objective = lp.Objective()
    for ref, coeff in zip(proto.objective.vars, proto.objective.coeffs):
        var, _, sign = literal(ref)
        objective.SetCoefficient(var, objective.GetCoefficient(var) + sign * coeff)
    offset = proto.objective.offset + sum(coeff for ref, coeff in zip(proto.objective.vars, proto.objective.coeffs)
                                          if ref < 0)
    objective.SetMinimization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    scale = proto.objective.scaling_factor or 1.0
    return Relaxation((objective.Value() + offset) * scale,
                      {i: x.reduced_cost() * scale for i, x in enumerate(xs)})
