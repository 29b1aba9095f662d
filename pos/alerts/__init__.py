"""Nobody slips through (智守护): alerts for staff when a resident may need help — a rider found nobody at home —
acknowledged with a note, and the "not seen" list of residents who usually eat here and have not been seen
for a few days (pos.alerts.not_seen)."""
