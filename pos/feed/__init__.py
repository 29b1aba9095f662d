"""The feed upward: a day's or a month's service records and claim totals, signed, for the funders' platform."""
