"""The audit log: one append-only row for every change to money, eligibility, cards, prices, policies, staff
or terminals — who did it, at which terminal, when, what, and the values before and after — and for every
time an admin is shown a resident's whole ID number and phone.

Each row is written in the same transaction as the change it describes, and the database refuses to
change or delete a row (triggers, as for the ledger).
"""
from pos.audit.models import AuditEntry
from pos.audit.record import SYSTEM, Actor, history, record

__all__ = ["SYSTEM", "Actor", "AuditEntry", "history", "record"]
