"""Site builders: the Pelican plugin (``govsite.site.plugin``), page views, listings and indexes.

Importing this package loads nothing: ``govsite.site.urls`` must stay cheap for the
checks and reports that only need URLs.
"""
