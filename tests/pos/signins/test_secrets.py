"""Passwords and PINs are stored as scrypt hashes; a hash keeps its own method, so older ones still check."""
from __future__ import annotations

from pos.signins import secrets


def test_the_app_stores_scrypt_hashes_that_check(monkeypatch):
    monkeypatch.setattr(secrets, "METHOD", "scrypt")  # the app's own method, which the tests make cheap
    stored = secrets.hash_secret("4826")
    assert stored.startswith("scrypt:") and "4826" not in stored
    assert secrets.secret_matches(stored, "4826") is True
    assert secrets.secret_matches(stored, "4827") is False


def test_a_hash_made_with_another_method_still_checks(monkeypatch):
    older = secrets.hash_secret("secret-pass")
    monkeypatch.setattr(secrets, "METHOD", "scrypt")
    assert secrets.secret_matches(older, "secret-pass") is True
    assert secrets.hash_secret("secret-pass") != older
