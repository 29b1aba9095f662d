"""The cashier screen: one page that does everything through the JSON API."""
