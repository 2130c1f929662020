"""The govsite Pelican plugin: the page reader, the theme globals and the site generator.

``register()`` connects module-level functions only: blinker keeps weak
references, so a lambda or a bound method would be collected and silently
never called.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from pelican import signals

from govsite import files, oserrors
from govsite.errors import ContentError, SystemProblem
from govsite.site import generator, reader, state, theme_globals


def _initialized(pelican: Any) -> None:
    # Validate (or fetch the primed library) before anything is read or written.
    state.for_settings(pelican.settings)


def _regular_files_only(static: Any) -> None:
    """static_generator_finalized receiver: Pelican copies these files into output/
    (following links): refuse any that is not a regular file of the repository, and
    any link or special file among the theme's static files, before a byte is copied."""
    settings = static.settings
    root = settings.get("GOVSITE_ROOT") or os.path.dirname(os.path.abspath(settings["PATH"]))
    refused = [
        files.refusal(
            os.path.join(static.path, sc.source_path),
            root,
            os.path.relpath(os.path.join(static.path, sc.source_path), root),
        )
        for sc in static.staticfiles
    ]
    for name in settings.get("THEME_STATIC_PATHS", []):
        top = os.path.join(static.theme, name)
        if os.path.lexists(top):
            found = files.refusal(top, root, os.path.relpath(top, root), folder_ok=True)
            if found is not None:
                refused.append(found)
            elif os.path.isdir(top):
                refused += [
                    files.Refused(os.path.relpath(r.path, root), r.reason, r.fix)
                    for r in files.walk(top)[1]
                ]
    problems = [r.problem() for r in refused if r is not None]
    if problems:
        raise ContentError(*problems)
    _name_copy_failures(static, root)


def _name_copy_failures(static: Any, root: str) -> None:
    """Copy attachments so that a failure stops the build and names the file.

    Pelican's own copy (pelican.utils.copy_file) logs a failed copy as a warning
    and goes on: on a full disk the site would go online without the attachment.
    """

    def copy(sc: Any) -> None:
        source = os.path.join(static.path, sc.source_path)
        target = os.path.join(static.output_path, sc.save_as)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
        except OSError as exc:
            rel = os.path.relpath(source, root).replace(os.sep, "/")
            raise SystemProblem(
                oserrors.problem(exc, doing="把附件复制到输出目录", path=rel)
            ) from exc

    static._copy_staticfile = copy


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.readers_init.connect(reader.add_reader)
    signals.generator_init.connect(theme_globals.install)
    signals.get_generators.connect(generator.get_generators)
    signals.static_generator_finalized.connect(_regular_files_only)
