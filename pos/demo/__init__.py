"""Demo data: a realistic community canteen to try the system on."""
