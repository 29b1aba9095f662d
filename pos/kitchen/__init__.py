"""The kitchen (厨房): what to cook for a day's meal, counted from the live meal orders."""
