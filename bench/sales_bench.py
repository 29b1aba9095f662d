"""Settle sales through the HTTP API with concurrent clients; print throughput and latency beside two floors.

Floors, measured in the same run on the same machine:
  - a trivial endpoint (/healthz) through the same server stack (waitress + Flask), same clients;
  - a bare database transaction writing the same rows a sale writes, with no HTTP and no ORM.
Target (issue 3): SQLite, 8 clients, p99 under 25 ms and throughput at least a third of the floor.
Issue 11: 16 counters at once on `canteen serve`'s default threads, no stall and no error; its p99 is
printed beside the 8-client one.

Usage: .venv/bin/python bench/sales_bench.py [--sales 2000] [--clients 8,16] [--database-url URL]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pos import create_app, schema  # noqa: E402
from pos.auth.services import create_user  # noqa: E402
from pos.canteens.services import ensure_canteen  # noqa: E402
from pos.config import Config  # noqa: E402
from pos.credentials.models import Card  # noqa: E402
from pos.dishes.models import Dish, DishPrice  # noqa: E402
from pos.ledger.posting import wallet_of  # noqa: E402
from pos.policies.services import store_policy  # noqa: E402
from pos.residents.id_number import make_id_number  # noqa: E402
from pos.residents.records import ResidentIn, register_resident  # noqa: E402
from pos.terminals.services import add_terminal  # noqa: E402
from pos.wallets.operations import add_top_up  # noqa: E402

POLICY = ROOT / "pos" / "demo" / "yaodu-demo-policy.toml"
HOME = {"province": "山西省", "city": "临汾市", "district": "尧都区", "street": "解放路街道", "community": "新百汇社区"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict[str, str], residents: int) -> tuple[list[str], list[int], list[str]]:
    """Migrate, then add a canteen on the demo policy, residents with cards and money, dishes, terminals."""
    app = create_app(Config.from_env(env))
    database = app.extensions["canteen_db"]
    schema.upgrade(database.engine)
    with app.app_context(), database.unit_of_work() as session:
        canteen = ensure_canteen(session, "基准测试食堂", "main", **HOME)
        canteen.policy_id = store_policy(session, POLICY.read_text(encoding="utf-8")).policy_id
        for i in range(16):  # a cashier per counter, each with their own shift, as in a lunch rush
            create_user(session, f"bench-{i}", "bench-pass", "cashier")
        cards = []
        for n in range(residents):
            born = date(1936 + n % 30, 1 + n % 12, 1 + n % 28)
            resident = register_resident(session, ResidentIn(
                name=f"居民{n}", id_number=make_id_number("141002", born, n % 1000), area=HOME))
            wallet_of(session, resident.id)
            add_top_up(session, resident.id, 400_000, "cash")
            uid = f"{0x04000000 + n:08X}"
            session.add(Card(uid=uid, resident_id=resident.id, status="active"))
            cards.append(uid)
        dishes = []
        for name, price in (("红烧肉", 1200), ("清炒时蔬", 500), ("米饭", 100), ("紫菜蛋花汤", 300)):
            dish = Dish(code=name, name=name, category="bench")
            session.add(dish)
            session.flush()
            session.add(DishPrice(dish_id=dish.id, price_fen=price, effective_from=date(2000, 1, 1)))
            dishes.append(dish.id)
        tokens = [add_terminal(session, f"bench-{i}")[1] for i in range(16)]
    database.dispose()
    return cards, dishes, tokens


class Client:
    """One keep-alive HTTP connection with its own terminal token and staff session."""

    def __init__(self, port: int, token: str, cashier: str) -> None:
        self.cashier = cashier
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=self.headers)
        response = self.conn.getresponse()
        data = response.read()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.headers["Cookie"] = cookie.split(";", 1)[0]
        return response.status, data

    def sign_in(self) -> None:
        """Sign the cashier in and open their shift: the canteen wants every sale inside one."""
        status, data = self.call("POST", "/api/v1/session", {"username": self.cashier, "password": "bench-pass"})
        assert status == 200, data
        status, data = self.call("POST", "/api/v1/shifts", {"opening_float_fen": 20_000})
        assert status == 201, data


def run_clients(clients: list[Client], jobs: list, work) -> tuple[float, list[float]]:
    """Share the jobs among the clients; return wall time and each call's latency in seconds."""
    latencies: list[float] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    queue = iter(jobs)

    def worker(client: Client) -> None:
        mine = []
        while True:
            with lock:
                job = next(queue, None)
            if job is None:
                break
            start = time.perf_counter()
            try:
                work(client, job)
            except Exception as exc:  # noqa: BLE001  (reported below: a failed sale stops the benchmark)
                failures.append(exc)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{len(failures)} of {len(jobs)} calls failed, e.g. {failures[0]!r}")
    return time.perf_counter() - start, latencies


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bare_transactions(env: dict[str, str], n: int) -> float:
    """Seconds per transaction writing the rows of one sale through the bare driver: no HTTP, no ORM."""
    app = create_app(Config.from_env(env))
    database = app.extensions["canteen_db"]
    raw = database.engine.raw_connection()
    sqlite = database.is_sqlite
    q = "?" if sqlite else "%s"
    now = datetime.now(timezone.utc)
    day = date(2000, 1, 1)  # a day of its own, so the receipt numbers do not collide with the run
    cur = raw.cursor()
    cur.execute(f"INSERT INTO receipt_counter (canteen_id, business_date, last_seq) VALUES (1, {q}, 0)", (day,))
    raw.commit()
    start = time.perf_counter()
    for i in range(n):
        if sqlite:
            cur.execute("BEGIN IMMEDIATE")
        cur.execute(f"UPDATE receipt_counter SET last_seq = last_seq + 1 WHERE canteen_id = 1 AND business_date = {q} "
                    "RETURNING last_seq", (day,))
        seq = cur.fetchone()[0]
        cur.execute(f"INSERT INTO ledger_transaction (kind, memo, created_at) VALUES ('sale', '', {q}) RETURNING id",
                    (now,))
        txn = cur.fetchone()[0]
        for account_id, fen in ((1, 1000), (2, 200), (3, -1200)):
            cur.execute(f"INSERT INTO ledger_entry (transaction_id, account_id, amount_fen) VALUES ({q}, {q}, {q})",
                        (txn, account_id, fen))
            cur.execute(f"UPDATE ledger_account SET balance_fen = balance_fen + 0 WHERE id = {q}", (account_id,))
        cur.execute("INSERT INTO sale (canteen_id, business_date, seq, receipt_no, sold_at, meal_period, channel, "
                    "credential_kind, credential_ref, total_fen, subsidy_fen, paid_fen, payment_method, transaction_id) "
                    f"VALUES (1, {q}, {q}, {q}, {q}, 'lunch', 'dine_in', 'card', '', 1200, 200, 1000, 'wallet', {q}) "
                    "RETURNING id", (day, seq, f"x{seq}", now, txn))
        sale = cur.fetchone()[0]
        cur.execute("INSERT INTO sale_line (sale_id, dish_id, name, qty, unit_price_fen, amount_fen) "
                    f"VALUES ({q}, 1, 'x', 1, 1200, 1200)", (sale,))
        cur.execute("INSERT INTO sale_subsidy (sale_id, resident_id, business_date, meal_period, policy_id, "
                    "policy_version, rule_group, rule_id, funder, applies_to, amount_fen, reason_zh, reason_en) "
                    f"VALUES ({q}, 1, {q}, 'lunch', 'p', 'v', 'g', 'r', 'district', 'meal', 200, '', '')", (sale, day))
        cur.execute("INSERT INTO idempotent_request (scope, key, request_hash, status, response, created_at) "
                    f"VALUES ('bench', {q}, 'h', 201, '{{}}', {q})", (f"bare-{i}", now))
        raw.commit()
    elapsed = time.perf_counter() - start
    raw.close()
    database.dispose()
    return elapsed / n


def own_schema(url: str) -> tuple[str, str | None]:
    """On PostgreSQL, a schema of this run's own, so the benchmark leaves the database as it found it."""
    if not url.startswith("postgres"):
        return url, None
    name = f"bench_{os.getpid()}"
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    return make_url(url).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(False), name


def drop_schema(url: str, name: str) -> None:
    """Drop the run's schema."""
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=2000)
    parser.add_argument("--clients", default="8,16", help="client counts to run, comma-separated (at most 16)")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="canteen-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANTEEN_")}
    env |= {"CANTEEN_INSTANCE_PATH": str(folder), "CANTEEN_SECRET_KEY": "bench"}
    schema_name = None
    if args.database_url:
        env["CANTEEN_DATABASE_URL"], schema_name = own_schema(args.database_url)
    counts = [int(c) for c in args.clients.split(",")]
    cards, dishes, tokens = prepare(env, residents=max(max(counts) * 4, 64))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "pos", "serve", "--port", str(port)],  # its default threads
                              env=env | {"CANTEEN_READER": "off"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        clients = [Client(port, tokens[i], f"bench-{i}") for i in range(max(counts))]
        for c in clients:
            c.sign_in()

        def ping(client: Client, _job) -> None:
            assert client.call("GET", "/healthz")[0] == 200

        def settle(client: Client, n: int) -> None:
            body = {"idempotency_key": uuid.uuid4().hex, "credential": {"card_uid": cards[n % len(cards)]},
                    "meal_period": "lunch", "items": [{"dish_id": d, "qty": 1} for d in dishes[:3]]}
            status, data = client.call("POST", "/api/v1/sales", body)
            assert status == 201, data

        base = clients[:counts[0]]
        run_clients(base, list(range(200)), ping)  # warm up both paths
        run_clients(base, list(range(50)), settle)
        floor_wall, floor_lat = run_clients(base, list(range(args.sales)), ping)
        runs = {}
        for k, n in enumerate(counts):
            first = 50 + k * args.sales
            runs[n] = run_clients(clients[:n], list(range(first, first + args.sales)), settle)
    finally:
        server.terminate()
        server.wait(10)
    bare = bare_transactions(env, 2000)
    if schema_name:
        drop_schema(args.database_url, schema_name)
    backend = "PostgreSQL" if args.database_url and "postgres" in args.database_url else "SQLite"
    floor_rate, bare_rate = args.sales / floor_wall, 1 / bare
    print(f"sales benchmark: {backend}, {args.sales} sales per row, {os.cpu_count()} cores, serve's default threads")
    print(f"{'':44}{'per second':>12}{'p50 ms':>10}{'p99 ms':>10}")
    for n, (wall, lat) in runs.items():
        print(f"{f'settle a sale (POST /api/v1/sales), {n} clients':44}{args.sales / wall:12.0f}"
              f"{percentile(lat, 50) * 1000:10.1f}{percentile(lat, 99) * 1000:10.1f}")
    print(f"{f'floor: trivial endpoint, same stack, {counts[0]} clients':44}{floor_rate:12.0f}"
          f"{percentile(floor_lat, 50) * 1000:10.1f}{percentile(floor_lat, 99) * 1000:10.1f}")
    print(f"{'floor: bare driver transaction':44}{bare_rate:12.0f}{bare * 1000:10.1f}{'':>10}")
    wall, lat = runs[counts[0]]
    print(f"{counts[0]} clients: sales/s as a share of the lower floor {args.sales / wall / min(floor_rate, bare_rate):.2f} "
          f"(target >= 0.33); p99 {percentile(lat, 99) * 1000:.1f} ms (target < 25 ms)")
    print("every sale answered 201 (a stall or an error stops the run)")


if __name__ == "__main__":
    main()
