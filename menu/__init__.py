"""Weekly menu planner for community canteens serving older residents (pure Python, no Flask).

The app calls: load_demo_catalog(), plan_week(), check_plan(); rules are a Rules dataclass.
"""
from vocabulary import MealPeriod

from .catalog import load_catalog, load_demo_catalog, parse_catalog
from .checker import check_plan, hard_problems
from .dishes import Dish, DishError, popularity_from_sales
from .explain import precheck
from .greedy import greedy_plan
from .labels import Allergen, Category, FoodGroup, GrainType, Method, Season
from .plan import Placement, WeekPlan
from .planner import PlanResult, plan_week
from .problems import Problem, Severity
from .rules import (
                    BREAKFAST,
                    DINNER,
                    LUNCH,
                    SET_MEALS,
                    STANDARD,
                    Budget,
                    CountRule,
                    KitchenLimit,
                    MealTemplate,
                    Nutrient,
                    NutrientTarget,
                    Pin,
                    Role,
                    Rules,
                    SetMeal,
                    Weights,
                    serving_rank,
                    set_meal,
                    three_meals,
)

__all__ = [
    "Allergen", "BREAKFAST", "Budget", "Category", "CountRule", "DINNER", "Dish", "DishError", "FoodGroup",
    "GrainType", "KitchenLimit", "LUNCH", "MealPeriod", "MealTemplate", "Method", "Nutrient", "NutrientTarget",
    "Pin", "Placement", "PlanResult", "Problem", "Role", "Rules", "SET_MEALS", "STANDARD", "Season", "SetMeal",
    "Severity", "WeekPlan", "Weights", "check_plan", "greedy_plan", "hard_problems", "load_catalog",
    "load_demo_catalog", "parse_catalog", "plan_week", "popularity_from_sales", "precheck", "serving_rank",
    "set_meal", "three_meals",
]
