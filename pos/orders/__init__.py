"""Meal orders (预约订餐): meals booked ahead for a day and meal period, paid for when served."""
