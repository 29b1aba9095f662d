"""The append-only, double-entry ledger: every fen that moves, and the checks on it."""
