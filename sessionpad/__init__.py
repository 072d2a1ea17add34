"""sessionpad: a keyboard-first companion for live coaching sessions."""

__version__ = "0.1.0"
