"""`python -m pos` runs the `canteen` command."""
from pos.cli import main

main()
