"""Prepaid wallets: top-ups, refunds when a resident leaves, corrections."""
