"""Resident cards and QR passes: identifiers, one-time passes, QR images, PC/SC readers.

A plain library: it imports no web framework, database or `pos` code.
"""
