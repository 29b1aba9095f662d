"""Enrolment: a resident registered and shown whole, with their wallet and cards.

It sits above residents, wallets and credentials, which know nothing of each other's records.
"""
