"""Sales: quote, settle and void a meal, with its subsidy and wallet payment."""
