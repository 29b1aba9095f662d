"""A month's subsidy claim for 20,000 residents (~1.2 M lunches and dinners): time and peak memory.

Generates a fresh SQLite database (Core executemany in big transactions; rows shaped exactly as
the sale service writes them: sale, line, subsidy lines, a ledger transaction whose entries sum to
zero, and a top-up per resident), then, each step in its own process so its peak RSS is its own:
  floor   a bare SELECT count(*), sum(amount_fen) over the month's subsidy lines of the funder
  issue   issue_claim: freeze the lines in ClaimItem rows (one INSERT … SELECT)
  summary build_claim: the GROUP BY summary of the issued claim
  reconcile  the claim's total against the month's receivable ledger entries
  stream  summary + the streamed detail query alone (rows made into ClaimDetail, nothing written)
  files   summary + the streamed detail to PDF (first 100,000 lines drawn) and XLSX in one pass
  xlsx    summary + streamed detail to XLSX only;  pdf  the same to PDF only
Target (issue 7), on the 2-core machine: the claim to PDF and XLSX under 60 s and 500 MB.

Run: .venv/bin/python bench/claim_bench.py [--residents 20000] [--days 30] [--db /tmp/claim-bench.db]
     [--keep] (reuse the database if it exists) [--steps floor,issue,summary,files]
"""
from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness import Stopwatch, month_main  # noqa: E402
from sqlalchemy import select, text  # noqa: E402

from pos import models, schema  # noqa: E402,F401  (every model, so foreign keys resolve)
from pos.db import Database  # noqa: E402

MONTH = (2026, 10)
FUNDER = "district"
BATCH = 20_000  # sales per executemany batch


def tables():
    """Every table the generator writes, by model."""
    from pos.ledger.models import Account, LedgerEntry, LedgerTransaction
    from pos.residents.models import Resident, ResidentCategory
    from pos.sales.models import Sale, SaleLine, SaleSubsidy
    from pos.wallets.models import TopUp

    return {m.__tablename__: m.__table__ for m in (Account, LedgerEntry, LedgerTransaction, Resident,
                                                   ResidentCategory, Sale, SaleLine, SaleSubsidy, TopUp)}


def setup_reference(database: Database) -> dict:
    """Canteen, demo policy, categories, one dish, shared accounts: through the normal services."""
    from pos.canteens.services import ensure_canteen
    from pos.dishes.models import Dish, DishPrice
    from pos.ledger.posting import account
    from pos.policies.services import store_policy

    with database.unit_of_work() as session:
        canteen = ensure_canteen(session, "新百汇社区便民餐厅", "main", province="山西省", city="临汾市",
                                 district="尧都区", street="解放路街道", community="新百汇社区")
        policy = store_policy(session, (ROOT / "pos/demo/yaodu-demo-policy.toml").read_text(encoding="utf-8"))
        canteen.policy_id = policy.policy_id
        dish = Dish(code="B0001", name="两荤一素套餐", category="set")
        session.add(dish)
        session.flush()
        session.add(DishPrice(dish_id=dish.id, price_fen=1200, effective_from=date(2000, 1, 1)))
        ids = {code: account(session, code, kind, funder).id for code, kind, funder in (
            ("receivable:district", "subsidy_receivable", "district"),
            ("receivable:street", "subsidy_receivable", "street"), ("meal_revenue", "meal_revenue", None),
            ("cash", "cash", None))}
        return {"canteen": canteen.id, "dish": dish.id, "policy": policy.policy_id, "version": policy.version, **ids}


def subsidy(age: int, dibao: bool) -> tuple[str, list[tuple[str, int]]]:
    """The demo policy's rule and funder shares for a 12-yuan meal."""
    if dibao:
        return "special-60", [("district", 300), ("street", 200)]
    if age >= 80:
        return "age-80", [("district", 300)]
    if age >= 70:
        return "age-70", [("district", 200)]
    return "age-60", [("district", 100)]


def generate(database: Database, residents: int, days: int) -> dict:
    """Write residents, top-ups and a month of two meals a day each; return row counts."""
    from pos.residents.id_number import make_id_number

    ref, t, rng = setup_reference(database), tables(), random.Random(7)
    first = date(*MONTH, 1)
    people = []
    for i in range(1, residents + 1):
        born = date(rng.randint(1931, 1965), rng.randint(1, 12), rng.randint(1, 28))
        people.append((i, born, rng.random() < 0.2, make_id_number(f"1410{i // 1000 % 100:02d}", born, i % 1000)))
    names = "张王李赵刘陈杨黄周吴"
    with writer(database) as conn:
        conn.execute(t["resident"].insert(), [
            {"id": i, "name": names[i % 10] + "桂兰明德秀英"[i % 6] + "华芳"[i % 2], "id_number": num,
             "birth_date": born, "sex": "F", "status": "active", "province": "山西省", "city": "临汾市",
             "district": "尧都区", "street": "解放路街道", "community": "新百汇社区", "qr_last_step": 0,
             "qr_static_issue": 1, "created_at": datetime(2026, 1, 1)} for i, born, _d, num in people])
        conn.execute(t["resident_category"].insert(), [
            {"resident_id": i, "category_code": "dibao", "valid_from": date(2026, 1, 1), "proof_note": ""}
            for i, _b, dibao, _n in people if dibao])
        wallets = {i: 1_000_000 + i for i, *_ in people}
        spend = days * 2 * 1200
        top_up = {i: spend + 5_000 for i, *_ in people}
        spent = {i: 0 for i, *_ in people}
        conn.execute(t["ledger_account"].insert(), [
            {"id": wallets[i], "code": f"wallet:{i}", "kind": "wallet", "resident_id": i, "balance_fen": 0}
            for i, *_ in people])
        before = datetime(2026, 9, 30, 2, tzinfo=timezone.utc)
        conn.execute(t["ledger_transaction"].insert(), [
            {"id": 10_000_000 + i, "kind": "top_up", "memo": "", "created_at": before} for i, *_ in people])
        conn.execute(t["ledger_entry"].insert(), [
            row for i, *_ in people for row in (
                {"transaction_id": 10_000_000 + i, "account_id": wallets[i], "amount_fen": -top_up[i]},
                {"transaction_id": 10_000_000 + i, "account_id": ref["cash"], "amount_fen": top_up[i]})])
        conn.execute(t["top_up"].insert(), [
            {"resident_id": i, "amount_fen": top_up[i], "method": "cash", "transaction_id": 10_000_000 + i,
             "created_at": before} for i, *_ in people])
    counts = {"residents": residents, "sales": 0}
    sale_id, totals = 0, {"district": 0, "street": 0, "revenue": 0, "cash": sum(top_up.values())}
    batch = {name: [] for name in ("sale", "sale_line", "sale_subsidy", "ledger_transaction", "ledger_entry")}

    def flush() -> None:
        with writer(database) as conn:
            for name in ("ledger_transaction", "ledger_entry", "sale", "sale_line", "sale_subsidy"):
                if batch[name]:
                    conn.execute(t[name].insert(), batch[name])
                    batch[name].clear()

    for d in range(days):
        day = first + timedelta(days=d)
        seq = 0
        for period, hour in (("lunch", 3), ("dinner", 9)):  # 11:00 and 17:00 in Shanghai, as UTC
            for i, born, dibao, _num in people:
                sale_id, seq = sale_id + 1, seq + 1
                age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
                rule, shares = subsidy(age, dibao)
                sub = sum(f for _, f in shares)
                paid = 1200 - sub
                channel = "delivery" if i % 20 == 0 else "dine_in"
                at = datetime.combine(day, dtime(hour, i % 60), timezone.utc)
                batch["ledger_transaction"].append({"id": sale_id, "kind": "sale", "memo": "", "created_at": at})
                batch["ledger_entry"].append({"transaction_id": sale_id, "account_id": wallets[i], "amount_fen": paid})
                for funder, fen in shares:
                    batch["ledger_entry"].append({"transaction_id": sale_id, "account_id": ref[f"receivable:{funder}"],
                                                  "amount_fen": fen})
                    batch["sale_subsidy"].append({
                        "sale_id": sale_id, "resident_id": i, "business_date": day, "meal_period": period,
                        "policy_id": ref["policy"], "policy_version": ref["version"], "rule_group": "meal",
                        "rule_id": rule, "funder": funder, "applies_to": "meal", "amount_fen": fen,
                        "reason_zh": "", "reason_en": ""})
                    totals[funder] += fen
                batch["ledger_entry"].append({"transaction_id": sale_id, "account_id": ref["meal_revenue"],
                                              "amount_fen": -1200})
                batch["sale"].append({
                    "id": sale_id, "canteen_id": ref["canteen"], "business_date": day, "seq": seq,
                    "receipt_no": f"{day:%Y%m%d}-{seq:05d}", "sold_at": at, "meal_period": period, "channel": channel,
                    "resident_id": i, "credential_kind": "card", "credential_ref": "", "policy_id": ref["policy"],
                    "policy_version": ref["version"], "total_fen": 1200, "subsidy_fen": sub, "paid_fen": paid,
                    "payment_method": "wallet", "transaction_id": sale_id})
                batch["sale_line"].append({"sale_id": sale_id, "dish_id": ref["dish"], "name": "两荤一素套餐", "qty": 1,
                                           "unit_price_fen": 1200, "amount_fen": 1200})
                spent[i] += paid
                totals["revenue"] += 1200
                if len(batch["sale"]) >= BATCH:
                    flush()
                    print(f"\r  {sale_id:,} sales", end="", file=sys.stderr, flush=True)
    flush()
    print(file=sys.stderr)
    with writer(database) as conn:  # cached balances equal the entries, as post() keeps them
        acct = t["ledger_account"]
        for i in wallets:
            conn.execute(acct.update().where(acct.c.id == wallets[i]).values(balance_fen=top_up[i] - spent[i]))
        for code, fen in (("receivable:district", totals["district"]), ("receivable:street", totals["street"]),
                          ("meal_revenue", totals["revenue"]), ("cash", totals["cash"])):
            conn.execute(acct.update().where(acct.c.code == code).values(balance_fen=fen))
    counts.update(sales=sale_id, district_fen=totals["district"], street_fen=totals["street"])
    return counts


def writer(database: Database):
    """A connection in one transaction (the app's SQLite connections autocommit unless marked as writers)."""
    return database.engine.execution_options(canteen_write=True).begin()


def month():
    from pos.statements.periods import Month

    return Month(*MONTH)


def run_step(step: str, url: str, out: Path) -> dict:
    """One measured step in this process."""
    import receipts
    from pos.statements.claim_document import build_claim, claim_details, source_for
    from pos.statements.issuing import issue_claim
    from pos.statements.models import SubsidyClaim

    database, extra, watch = Database(url), {}, Stopwatch()
    with database.reader() as session:
        issued = session.scalar(select(SubsidyClaim).where(SubsidyClaim.funder == FUNDER))
        if step == "floor":
            m = month()
            n, fen = session.execute(text(
                "SELECT count(*), sum(amount_fen) FROM sale_subsidy WHERE funder = :f AND business_date >= :a "
                "AND business_date < :b"), {"f": FUNDER, "a": m.first, "b": m.next_first}).one()
            extra = {"lines": n, "fen": fen}
        elif step == "issue":
            if issued is not None:  # a bench-only undo (not timed), so every run measures the issue itself
                with writer(database) as conn:
                    conn.execute(text("DELETE FROM claim_item WHERE claim_id = :c"), {"c": issued.id})
                    conn.execute(text("DELETE FROM subsidy_claim WHERE id = :c"), {"c": issued.id})
                watch.restart()
            with database.unit_of_work() as session_w:
                claim = issue_claim(session_w, FUNDER, month(), date(2026, 11, 2),
                                    datetime(2026, 11, 2, tzinfo=timezone.utc))
                extra = {"fen": claim.claimed_fen}
        elif step == "reconcile":  # the claim against the month's receivable entries in the ledger
            from pos.statements.reconcile import reconcile

            check = reconcile(session, source_for(issued))
            extra = {"ledger_net_fen": check.ledger_net_fen, "claim_fen": check.claim_fen, "ok": check.ok}
        else:
            source = source_for(issued)
            claim = build_claim(session, source, "新百汇社区便民餐厅", date(2026, 11, 2), "bench")
            extra = {"fen": claim.subsidy_fen, "lines": claim.subsidised_meals}
            if step == "stream":  # the detail query alone, rows turned into ClaimDetail, nothing written
                extra.update(lines=sum(1 for _ in claim_details(session, source)))
            targets = {"stream": {}, "files": {"pdf": out / "claim.pdf", "xlsx": out / "claim.xlsx"}, "xlsx": {"xlsx": out / "claim.xlsx"},
                       "pdf": {"pdf": out / "claim.pdf"}, "summary": {}}[step]
            if targets:
                files = receipts.write_claim_files(claim, claim_details(session, source), **targets)
                extra.update(lines=files.detail_lines, pages=files.pdf_pages,
                             mb=round(sum(p.stat().st_size for p in targets.values()) / 2**20, 1))
    return watch.row(step, extra)


def generate_file(url: str, residents: int, days: int) -> None:
    """A migrated SQLite file holding the month, with how long it took."""
    database = Database(url)
    schema.upgrade(database.engine)
    started = time.perf_counter()
    counts = generate(database, residents, days)
    print(f"generated {counts} in {time.perf_counter() - started:.0f} s")
    database.dispose()


if __name__ == "__main__":
    month_main(__doc__, run_step, generate_file, db="/tmp/claim-bench.db", out="/tmp/claim-bench-out",
               steps="floor,issue,reconcile,summary,files")
