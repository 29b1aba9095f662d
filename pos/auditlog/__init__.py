"""The audit log's pages: the log filtered by who, what, resident and day, and a ledger transaction with the
rows that name it. Read-only for everyone (managers and admins may read it; the database refuses changes).

Apart from pos/audit, which every feature imports and which therefore imports none, this package may read
the features' records to name the staff, terminals, residents, sales and transactions a row refers to.
"""
