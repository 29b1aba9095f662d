"""Resident cards and QR passes as the app stores them; the reading is in `cards/`."""
