"""Integrity: every invariant of the ledger and of the records written with it, checked on demand.

`canteen ledger verify` and GET /api/v1/ledger/verify run the ledger's, the sales' and the cards' checks; with
`--chain` (`?chain=1`) they also recompute the hash chain (pos/ledger/chain_verify.py).
"""
