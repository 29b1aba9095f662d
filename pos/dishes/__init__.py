"""The dish catalog with prices (the menu planner adds attributes)."""
