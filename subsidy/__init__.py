"""Subsidy policy engine: versioned policy files in, subsidy lines out. Standard library only."""
from .ages import age_on
from .engine import quote_subsidy
from .facts import (
                    Area,
                    CanteenFacts,
                    CategoryGrant,
                    Meal,
                    OrderLine,
                    ResidentFacts,
                    Tally,
                    Usage,
                    UsageSoFar,
)
from .loader import PolicyError, load_policies, load_policy, parse_policy
from .model import OperatingRule, PolicyVersion
from .operating import OperatingPayment, age_bands, operating_payment
from .quote import SubsidyLine, SubsidyQuote
from .versions import NoPolicyInForce, policy_in_force

__all__ = [
    "Area", "CanteenFacts", "CategoryGrant", "Meal", "NoPolicyInForce", "OperatingPayment", "OperatingRule",
    "OrderLine",
    "PolicyError", "PolicyVersion", "ResidentFacts", "SubsidyLine", "SubsidyQuote", "Tally",
    "Usage", "UsageSoFar", "age_bands", "age_on", "load_policies", "load_policy", "parse_policy",
    "operating_payment", "policy_in_force", "quote_subsidy",
]
