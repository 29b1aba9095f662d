"""The resident page /me: balance, recent meals, a lost card, and the one-time QR pass on the phone."""
