"""Counter terminals and integrations, each with its own API token."""
