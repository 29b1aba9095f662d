"""Every API operation, called with input generated from the OpenAPI document, answers as the document says.

Schemathesis generates each operation's requests from pos/apidoc/document.py (valid ones, then ones that
break the schema) and sends them in-process to the app as a terminal with an admin signed in, on a
canteen with residents, cards, dishes, a sale and a top-up to find. Each answer must not be a 5xx and
must match the document: a declared status, its content type, its headers and its body's schema.

The seed is fixed (derandomize), so a run sends the same requests in the same order; the time
budget (CANTEEN_API_FUZZ_SECONDS, default 30) is shared by the operations, and a slow machine sends a
shorter prefix of the same sequence. Once a request fails the budget no longer applies, so
Hypothesis can shrink it to the smallest failing one. Run it longer with, say,
CANTEEN_API_FUZZ_SECONDS=900 .venv/bin/python -m pytest tests/pos/api/test_openapi_fuzz.py
"""
from __future__ import annotations

import os
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import Api

BUDGET_SECONDS = float(os.environ.get("CANTEEN_API_FUZZ_SECONDS", "30"))
MAX_EXAMPLES = int(os.environ.get("CANTEEN_API_FUZZ_EXAMPLES", "100"))  # per operation and mode
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
# The reader stream's first event, then close; the bearer header stays as given (tests/pos/auth try it); a failure
# shows the request it sent whole (nothing here is secret).
CONFIG = schemathesis.Config.from_dict({"max-stream-events": 1, "generation": {"with-security-parameters": False},
                                        "output": {"sanitization": {"enabled": False}}})




@pytest.fixture
def admin_api(app, make) -> Api:
    """A terminal with an admin signed in, on a canteen with records for the generated ids to find."""
    make.canteen()
    api = Api(app.test_client(), make.terminal()).sign_in(make, "admin")
    dishes = [make.dish(f"菜{n}", 300 + 100 * n) for n in range(4)]
    residents = [make.resident(balance_fen=50_00) for _ in range(3)]
    for n, resident in enumerate(residents):
        make.card(resident, uid=f"04A1B2C{n}")
    seeded = [api.post("/api/v1/shifts", {"opening_float_fen": 100_00})]
    for n, resident in enumerate(residents[:2]):
        seeded.append(api.post(f"/api/v1/residents/{resident}/topups", {
            "amount_fen": 10_00, "method": "cash", "idempotency_key": f"seed-top-up-{n}"}))
        seeded.append(api.post("/api/v1/sales", {
            "idempotency_key": f"seed-sale-{n}", "credential": {"resident_id": resident},
            "items": [{"dish_id": dishes[n], "qty": 1}], "meal_period": "lunch"}))
    assert [response.status_code for response in seeded] == [201] * 5, [r.get_json() for r in seeded]
    return api


class BudgetSpent(KeyboardInterrupt):
    """Stops an operation's run: Hypothesis lets an interrupt through at once, as it does no failure."""


class Budget:
    """Seconds left, shared among the runs still to come; not enforced while a failing request is shrunk."""

    def __init__(self, seconds: float, runs: int) -> None:
        self.ends_at, self.runs, self.failing = time.monotonic() + seconds, runs, False
        self.run_ends_at = self.ends_at

    def next_run(self) -> None:
        """Give the next run its share of what is left."""
        now = time.monotonic()
        self.run_ends_at = now + max(self.ends_at - now, 0) / self.runs
        self.runs, self.failing = self.runs - 1, False

    def check(self) -> None:
        """Stop the run once its share is spent."""
        if not self.failing and time.monotonic() >= self.run_ends_at:
            raise BudgetSpent


def check_operation(operation, mode, api: Api, budget: Budget) -> None:
    """Send generated requests until the run's share of the budget is spent; raise on the first bad answer."""

    @settings(derandomize=True, database=None, max_examples=MAX_EXAMPLES, deadline=None,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        budget.check()
        try:
            response = case.call(session=api.client, headers=api.headers)
            case.validate_response(response, checks=CHECKS)
        except BaseException:
            budget.failing = True
            raise

    try:
        run()
    except BudgetSpent:
        pass


def has_input(operation) -> bool:
    """Whether the operation takes anything a request could get wrong (else there is no negative case)."""
    return any(len(part) for part in (operation.path_parameters, operation.query, operation.body))


def test_every_operation_answers_as_documented(app, admin_api):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)
    runs = [(operation, mode) for operation in (result.ok() for result in schema.get_all_operations())
            for mode in MODES if mode.is_positive or has_input(operation)]
    budget, failures = Budget(BUDGET_SECONDS, len(runs)), []
    for operation, mode in runs:
        budget.next_run()
        try:
            check_operation(operation, mode, admin_api, budget)
        except (Exception, BaseExceptionGroup) as exc:  # every operation runs: one run shows every bad answer
            failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
