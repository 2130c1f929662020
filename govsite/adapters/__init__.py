"""Thin adapters over programs outside Python that several layers use (LibreOffice)."""
