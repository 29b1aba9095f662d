"""The JSON API at /api/v1, used by the cashier screen and by integrations."""
