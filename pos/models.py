"""Every model, imported once so the metadata is complete (migrations, checks)."""
from pos.alerts.models import Alert
from pos.audit.models import AuditEntry
from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.credentials.models import Card
from pos.db import Base
from pos.delivery.models import DeliveryRun, DeliveryStop
from pos.dishes.models import Dish, DishPrice
from pos.family.models import FamilyLink, FamilyMember
from pos.feed.models import FeedPushAttempt
from pos.fraud.models import FraudExplanation
from pos.idempotency import IdempotentRequest
from pos.ledger.models import Account, LedgerEntry, LedgerTransaction
from pos.menus.models import MenuRules, MenuSlot, MenuWeek
from pos.orders.models import MealOrder, MealOrderLine
from pos.orders.standing_models import OrderPause, StandingOrder
from pos.policies.models import StoredPolicy
from pos.reader.models import StreamTicket
from pos.residents.models import Resident, ResidentCategory, SubsidyCategory
from pos.sales.models import ReceiptCounter, Sale, SaleLine, SaleSubsidy, SaleVoid
from pos.servicerecords.models import ServiceRecord
from pos.shifts.models import Shift
from pos.signins.models import SignIn, SignInAttempt
from pos.statements.models import ClaimItem, SubsidyClaim
from pos.terminals.models import Terminal
from pos.wallets.models import BalanceRefund, TopUp, TopUpCorrection

__all__ = ["Account", "Alert", "AuditEntry", "BalanceRefund", "Base", "Canteen", "Card", "ClaimItem", "Dish",
           "DishPrice", "DeliveryRun", "DeliveryStop", "FamilyLink", "FamilyMember", "FeedPushAttempt",
           "FraudExplanation", "MenuRules", "MenuSlot", "MenuWeek", "Shift", "SubsidyClaim", "IdempotentRequest",
           "LedgerEntry", "LedgerTransaction", "MealOrder", "MealOrderLine", "OrderPause", "StandingOrder",
           "ReceiptCounter", "Resident", "ResidentCategory", "Sale", "SaleLine", "SaleSubsidy",
           "SaleVoid", "ServiceRecord", "SignIn", "SignInAttempt", "StoredPolicy", "StreamTicket", "SubsidyCategory",
           "Terminal", "TopUp", "TopUpCorrection", "User"]
