"""Weekly menus as the app stores them; the planning is in `menu/`."""
