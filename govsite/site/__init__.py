"""The govsite Pelican plugin: the page reader, the theme globals and the site generator.

``register()`` connects module-level functions only: blinker keeps weak
references, so a lambda or a bound method would be collected and silently
never called.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from govsite.site import generator, reader, state, theme_globals


def _initialized(pelican: Any) -> None:
    # Validate (or fetch the primed library) before anything is read or written.
    state.for_settings(pelican.settings)


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.readers_init.connect(reader.add_reader)
    signals.generator_init.connect(theme_globals.install)
    signals.get_generators.connect(generator.get_generators)
