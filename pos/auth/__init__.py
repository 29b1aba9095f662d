"""Staff accounts, login and the roles that every route checks."""
