"""Daily closings, resident statements and the monthly subsidy claim."""
