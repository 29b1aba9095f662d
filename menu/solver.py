"""Run CP-SAT on a menu model with explicit settings."""
from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .model import MenuModel

LIGHT_PRESOLVE_ABOVE = 3000  # candidate (slot, dish) pairs


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Records when the first solution arrived; stops the search at a good enough objective."""

    def __init__(self, start: float, stop_below: float | None = None) -> None:
        super().__init__()
        self.start, self.stop_below = start, stop_below
        self.first: float | None = None  # seconds from start to the first solution

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = time.perf_counter() - self.start
        if self.stop_below is not None and self.objective_value <= self.stop_below:
            self.stop_search()


def solve(mm: MenuModel, *, time_limit_s: float, num_workers: int, seed: int = 0,
          stop_at_first: bool = False, relative_gap: float = 0.0,
          prove: bool = False, stop_below: float | None = None,
          workers: tuple[str, ...] = ()) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus, float | None]:
    """Run CP-SAT with an explicit worker count (its default of the core count searches poorly),
    or exactly the named `workers` (CP-SAT subsolvers) when given."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = len(workers) or num_workers
    solver.parameters.subsolvers.extend(workers)
    solver.parameters.random_seed = seed
    solver.parameters.stop_after_first_solution = stop_at_first
    solver.parameters.relative_gap_limit = relative_gap
    if prove:  # the full LP at every node: the bound closes on small models
        solver.parameters.linearization_level = 2
    if sum(len(options) for options in mm.choices.values()) > LIGHT_PRESOLVE_ABOVE:
        # Full presolve probes every boolean several times: seconds on big catalogs before any plan.
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
    callback = _FirstSolution(time.perf_counter(), stop_below)
    status = solver.solve(mm.model, callback)
    return solver, status, callback.first
