"""How passwords and PINs are kept: salted and slow to try (scrypt), so a copied database does not give them away.

A stored hash names its own method, so hashes made with another method still check.
"""
from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

# The method new hashes are made with. The tests make it cheap (tests/conftest.py): nearly every test signs
# someone in, and scrypt's fifth of a second each time was a quarter of the suite's time.
METHOD = "scrypt"


def hash_secret(secret: str) -> str:
    """The hash to store for a password or PIN."""
    return generate_password_hash(secret, method=METHOD)


def secret_matches(stored_hash: str, secret: str) -> bool:
    """Whether `secret` is the one `stored_hash` was made from."""
    return check_password_hash(stored_hash, secret)
