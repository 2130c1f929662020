"""Pelican settings for publishing: absolute URLs (SITEURL from site.yml)."""

from pathlib import Path

from govsite.site.settings import pelican_settings

globals().update(pelican_settings(Path(__file__).resolve().parent, publish=True))
