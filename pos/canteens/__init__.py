"""The canteen itself: its name and the area it serves."""
