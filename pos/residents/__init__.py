"""Residents: who they are, their subsidy categories and their status."""
