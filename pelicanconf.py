"""Pelican settings for plain `pelican`: everything comes from site.yml via govsite.site."""

from pathlib import Path

from govsite.site.settings import pelican_settings

globals().update(pelican_settings(Path(__file__).resolve().parent))
