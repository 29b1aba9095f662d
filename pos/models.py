"""Every model, imported once so the metadata is complete (migrations, checks)."""
from pos.auth.models import User
from pos.canteens.models import Canteen
from pos.db import Base

__all__ = ["Base", "Canteen", "User"]
