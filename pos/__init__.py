"""The canteen application: Flask app factory, models, services, routes and CLI.

Importing ``pos`` stays light (no Flask) so that pure subpackages such as
``pos.policy`` can be used on their own.
"""


def create_app(config=None):
    """Build the Flask app; see pos.app.create_app."""
    from pos.app import create_app as factory

    return factory(config)
