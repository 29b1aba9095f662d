"""Receipts for sales and top-ups: rendered from the database, printed after the sale commits, verified by QR."""
