"""Cashier shifts: a counted float at the start, a counted drawer at the end."""
