"""Fraud checks over the service records (issue 17 part 4): findings with their evidence, and explanations."""
