"""The canteen's vocabulary: its words and its money, owned here and nowhere else.

Standard library only, so the libraries (cards, menu, receipts, subsidy) and the app all use it.
"""
from .money import YUAN_SIGN, format_fen, format_yuan, parse_yuan
from .terms import (
    AGE_BANDS,
    ALERT_KINDS,
    CHANNELS,
    DELIVERY_OUTCOMES,
    IDENTIFICATIONS,
    MEAL_PERIODS,
    ORDER_STATUSES,
    ROLES,
    SALE_METHODS,
    TOP_UP_METHODS,
    WALK_IN_METHODS,
    ZH,
    AgeBand,
    AlertKind,
    Channel,
    DeliveryOutcome,
    Identified,
    MealPeriod,
    OrderStatus,
    PaymentMethod,
    StaffRole,
    Term,
    sql_in,
)

__all__ = [
    "AGE_BANDS", "ALERT_KINDS", "CHANNELS", "DELIVERY_OUTCOMES", "IDENTIFICATIONS", "MEAL_PERIODS", "ORDER_STATUSES",
    "ROLES", "SALE_METHODS", "TOP_UP_METHODS", "WALK_IN_METHODS", "YUAN_SIGN", "ZH", "AgeBand", "AlertKind", "Channel",
    "DeliveryOutcome", "Identified", "MealPeriod", "OrderStatus", "PaymentMethod", "StaffRole", "Term", "format_fen",
    "format_yuan", "parse_yuan", "sql_in",
]
