"""Load the demo canteen: staff, residents with cards and balances, dishes, a policy and a few days of meals."""
from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, time, timedelta, timezone
from importlib import resources
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cards.qrpass import new_secret
from menu.catalog import dish_from_row
from pos.auth.models import User
from pos.auth.services import create_user
from pos.canteens.models import Canteen
from pos.canteens.services import ensure_canteen
from pos.config import DEFAULT_HOURS
from pos.credentials.models import Card
from pos.dishes.models import Dish, DishPrice
from pos.dishes.search import initials
from pos.errors import CanteenError
from pos.ledger.posting import wallet_of
from pos.menus.services import plan_demo_week
from pos.policies.services import store_policy
from pos.residents.id_number import make_id_number
from pos.residents.records import CategoryGrantIn, ResidentIn, register_resident
from pos.sales.orders import read_order
from pos.sales.quoting import quote_order
from pos.sales.settle import record_sale
from pos.terminals.services import EVERY_READER, add_terminal
from pos.wallets.operations import add_top_up

# Demo logins are printed by `canteen serve`; never use them on a real canteen.
DEMO_LOGINS = (("manager", "manager123", "manager", "王经理"),
               ("cashier", "cashier123", "cashier", "李收银"),
               ("admin", "admin1234", "admin", "管理员"))
DEMO_AREA = {"province": "山西省", "city": "临汾市", "district": "尧都区", "street": "解放路街道",
             "community": "新百汇社区"}
AREA_CODE = "141002"  # 临汾市尧都区
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = ["桂兰", "秀英", "玉珍", "淑芬", "凤英", "建国", "国强", "德福", "长有", "金花", "素珍", "志刚", "文华",
         "春生", "秀兰", "福贵", "玉兰", "保国", "建华", "翠花", "丽华", "振华", "忠义", "巧云", "永福", "桂英"]
# Share of residents holding each category (a resident may hold several).
CATEGORY_SHARES = {"dibao": 0.12, "tekun": 0.04, "low_income": 0.10, "disabled_care": 0.03, "semi_disabled": 0.06,
                   "living_alone": 0.15, "youfu": 0.05, "disability": 0.05}
DEMO_POLICY = "yaodu-demo-policy.toml"
LONG_AGO = date(2000, 1, 1)
ROW_KEYS = ("code", "name", "name_en", "price_fen")  # the dish row's own columns, and its price (dish_price)
DEMO_TERMINAL = "演示收银台"


def is_empty(session: Session) -> bool:
    """True when no staff account exists yet."""
    return session.scalar(select(func.count()).select_from(User)) == 0


def load_demo(session: Session, canteen_name: str, residents: int = 200, days_of_meals: int = 5,
              today: date | None = None, hours: str = DEFAULT_HOURS, printer: str = "none") -> dict[str, int]:
    """Fill an empty database with the demo canteen; returns what was made."""
    rng = random.Random(20261128)  # the same demo every time
    canteen = ensure_canteen(session, canteen_name, code="main", hours=hours, printer=printer)
    for field, value in DEMO_AREA.items():  # the demo policy's local-residency rules compare this area
        setattr(canteen, field, value)
    policy_text = resources.files("pos.demo").joinpath(DEMO_POLICY).read_text(encoding="utf-8")
    canteen.policy_id = store_policy(session, policy_text, source=DEMO_POLICY).policy_id
    users = [create_user(session, username, password, role, name) for username, password, role, name in DEMO_LOGINS]
    dishes = add_dishes(session, since=(today or date.today()) - timedelta(days=days_of_meals))
    people = add_residents(session, rng, residents, today or date.today())
    meals = add_meals(session, rng, canteen, people, dishes, users[1], days_of_meals, today or date.today())
    plan = plan_demo_week(session, today or date.today())  # after the meals, so their sales shape popularity
    return {"staff": len(users), "residents": len(people), "cards": len(people), "dishes": len(dishes),
            "meals": meals, "terminals": 1, "menu weeks": int(plan["status"] in ("optimal", "feasible"))}


def add_demo_terminal(session: Session) -> str:
    """A counter terminal for the demo; returns its token, which is shown once and kept nowhere.

    The demo's one counter takes every card reader, so a reader plugged into the server just works.
    """
    _terminal, token = add_terminal(session, DEMO_TERMINAL, reader_name=EVERY_READER)
    return token


def add_dishes(session: Session, since: date = LONG_AGO) -> list[Dish]:
    """The demo catalog of the menu planner with its planning attributes, at its prices from `since` on."""
    text = resources.files("menu").joinpath("data/demo_catalog.csv").read_text(encoding="utf-8")
    made, prices = [], []
    for row in csv.DictReader(io.StringIO(text)):
        dish = dish_from_row(row)  # checks the attributes
        made.append(Dish(code=dish.code, name=dish.name, name_en=dish.name_en, category=dish.category.value,
                         initials=initials(dish.name), attributes={k: v for k, v in row.items() if k not in ROW_KEYS}))
        prices.append(dish.price_fen)
    session.add_all(made)
    session.flush()
    session.add_all(DishPrice(dish_id=d.id, price_fen=fen, effective_from=since) for d, fen in zip(made, prices))
    session.flush()
    return made


def add_residents(session: Session, rng: random.Random, count: int, today: date) -> list[tuple[int, str]]:
    """Residents aged 60 to 100 with categories, a card, a QR pass secret and money in the wallet."""
    people = []
    for n in range(count):
        age = min(100, 60 + int(rng.expovariate(1 / 12)))
        born = today.replace(year=today.year - age) - timedelta(days=rng.randint(1, 360))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        grants = tuple(CategoryGrantIn(code, valid_from=date(today.year, 1, 1), proof_note="街道审核")
                       for code, share in CATEGORY_SHARES.items() if rng.random() < share)
        resident = register_resident(session, ResidentIn(
            name=name, id_number=make_id_number(AREA_CODE, born, n % 1000), phone=f"139{rng.randint(0, 99999999):08d}",
            address=f"新百汇小区{rng.randint(1, 24)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 1802)}",
            area=DEMO_AREA, categories=grants))
        resident.qr_secret = new_secret()
        wallet_of(session, resident.id)
        add_top_up(session, resident.id, rng.choice((10_000, 20_000, 30_000, 50_000)), "cash")
        uid = f"{rng.getrandbits(32):08X}"
        session.add(Card(uid=uid, resident_id=resident.id, status="active"))
        people.append((resident.id, uid))
    session.flush()
    return people


def add_meals(session: Session, rng: random.Random, canteen: Canteen, people: list[tuple[int, str]],
              dishes: list[Dish], cashier: User, days: int, today: date) -> int:
    """Lunches over the last few days, so the dashboard, statements and claims have something to show."""
    by_category: dict[str, list[Dish]] = {}
    for dish in dishes:
        if "L" in dish.attributes.get("periods", "L"):
            by_category.setdefault(dish.category, []).append(dish)
    zone, made = ZoneInfo("Asia/Shanghai"), 0
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        for resident_id, uid in rng.sample(people, k=len(people) * 3 // 5):
            at = datetime.combine(day, time(11, rng.randint(0, 59)), zone).astimezone(timezone.utc)
            picks = [rng.choice(by_category[c]) for c in ("meat", "vegetable", "staple") if by_category.get(c)]
            order = read_order({"credential": {"card_uid": uid}, "meal_period": "lunch",
                                "items": [{"dish_id": d.id, "qty": 1} for d in picks]})
            try:
                with session.begin_nested():
                    quote = quote_order(session, order, canteen, "Asia/Shanghai", None, at, lock=True)
                    record_sale(session, quote, canteen, None, cashier, "wallet")
                made += 1
            except CanteenError:
                continue  # a resident short of money simply did not eat that day
    return made


def demo_logins_text(token: str) -> str:
    """The demo logins and the demo counter's token, printed once when the demo is loaded."""
    rows = [f"  {role:8} {username} / {password}" for username, password, role, _ in DEMO_LOGINS]
    rows.append(f"cashier screen /counter asks once for its terminal token: {token}")
    rows.append("(shown only now: `canteen terminals add NAME` makes another token)")
    return "demo logins:\n" + "\n".join(rows)
