"""Every meal served as a service record, the unit funders pay and audit by (issue 17)."""
