"""Receipts, statements and claims rendered from plain data."""
