"""The manager's landing page."""
