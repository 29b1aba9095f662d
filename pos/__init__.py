"""The canteen application: Flask app factory, models, services, routes and CLI.

It uses the four libraries beside it: ``cards`` (readers and QR passes), ``menu``
(the planner), ``receipts`` (PDFs, printing, statements) and ``subsidy`` (the
policy engine). Importing ``pos`` stays light (no Flask).
"""


def create_app(config=None):
    """Build the Flask app; see pos.app.create_app."""
    from pos.app import create_app as factory

    return factory(config)
