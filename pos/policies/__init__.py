"""Subsidy policies as stored versions; the engine itself is `subsidy`."""
