"""site.yml + the library -> Pelican settings (used by pelicanconf.py and ``govsite build``).

pelicanconf.py stays a thin shim so that plain ``pelican`` and ``govsite build``
read exactly the same settings and produce the same site.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from govsite import markup
from govsite.config import site as site_config

CACHE_DIR = ".govsite-cache"


def pelican_settings(root: Path, *, publish: bool = False) -> dict[str, Any]:
    root = Path(root).resolve()
    site = site_config.load(root)
    siteurl = site.url if publish else ""
    return {
        "GOVSITE_ROOT": str(root),
        "SITENAME": site.name,
        "SITEURL": siteurl,
        "FEED_DOMAIN": site.url,
        # Absolute URL used for canonical links, the Url meta tag, QR codes and
        # sitemap.xml, even in a local preview.
        "GOVSITE_CANONICAL": site.url,
        "PATH": str(root / "content"),
        "OUTPUT_PATH": str(root / "output"),
        "THEME": str(root / "theme"),
        "THEME_STATIC_DIR": "theme",
        "TIMEZONE": "Asia/Shanghai",
        "DEFAULT_LANG": "zh-CN",
        "DEFAULT_DATE_FORMAT": "%Y-%m-%d",
        "PLUGINS": ["govsite.site.plugin"],
        "PLUGIN_PATHS": [],
        # Articles are rendered by govsite's generator from the validated library.
        "ARTICLE_PATHS": [],
        "PAGE_PATHS": ["pages"],
        "PAGE_EXCLUDES": [],
        # Attachments sit beside their article and are copied as they are.
        "STATIC_PATHS": [""],
        "STATIC_EXCLUDES": ["pages"],
        "STATIC_EXCLUDE_SOURCES": True,
        "USE_FOLDER_AS_CATEGORY": True,
        "DEFAULT_CATEGORY": "site",
        # Everything but articles and pages is written by govsite's own generator.
        "DIRECT_TEMPLATES": [],
        "PAGINATED_TEMPLATES": {},
        "CATEGORY_SAVE_AS": "",
        "CATEGORIES_SAVE_AS": "",
        "TAG_SAVE_AS": "",
        "TAGS_SAVE_AS": "",
        "AUTHOR_SAVE_AS": "",
        "AUTHORS_SAVE_AS": "",
        "ARCHIVES_SAVE_AS": "",
        "YEAR_ARCHIVE_SAVE_AS": "",
        "MONTH_ARCHIVE_SAVE_AS": "",
        "DAY_ARCHIVE_SAVE_AS": "",
        "DRAFT_SAVE_AS": "",
        "DRAFT_PAGE_SAVE_AS": "",
        "FEED_ALL_ATOM": None,
        "FEED_ALL_RSS": None,
        "CATEGORY_FEED_ATOM": None,
        "TRANSLATION_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None,
        "SLUGIFY_SOURCE": "basename",
        "RELATIVE_URLS": False,
        "DELETE_OUTPUT_DIRECTORY": False,
        "CACHE_PATH": str(root / CACHE_DIR / "pelican"),
        "MARKDOWN": copy.deepcopy(markup.MARKDOWN),  # bodies are cleaned after (markup)
        "JINJA_ENVIRONMENT": {
            "trim_blocks": True,
            "lstrip_blocks": True,
            "extensions": [],
            "autoescape": True,
        },
    }
