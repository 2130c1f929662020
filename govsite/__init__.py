"""govsite: a county government portal as a git repository."""

from __future__ import annotations

__version__ = "0.1.0"
