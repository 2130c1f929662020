"""Fingerprints of what a page is made from, so an unchanged page can be reused (pure).

A page's key is a digest of everything its template receives: the build-wide
inputs (templates, govsite's own code, site.yml, units, settings; see
``bundle_parts``) and the page's own values (its article, the neighbours and
related documents it links to, the items of a listing...). Two builds that
give a page the same key render it byte for byte the same, so the second one
can take the first one's file instead of rendering it again.

Articles and pages are long (their body is part of them), so each is digested
once per build and listings refer to that digest, not to the whole text.
Anything without a stable text form is refused (TypeError) rather than keyed
by its memory address, which would silently never match.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from govsite.model.article import Article, Page

_SCALARS = (str, int, float, bool, type(None), date, datetime)
_PLAIN = frozenset(_SCALARS)  # exact types, for a quick set lookup


def digest(*parts: str) -> str:
    return hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=16).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class Fingerprints:
    """Keys for one build; article and page digests are memoised by path."""

    def __init__(self, bundle: str) -> None:
        self.bundle = bundle
        self._docs: dict[str, str] = {}
        self.seconds = 0.0  # time spent keying, the "key" phase of the build's timings

    def document(self, doc: Article | Page) -> str:
        found = self._docs.get(doc.path)
        if found is None:
            found = self._docs[doc.path] = digest(type(doc).__name__, repr(doc))
        return found

    def key(self, path: str, template: str, values: Mapping[str, Any]) -> str:
        """The key of output ``path`` rendered from ``template`` with ``values``."""
        started = time.perf_counter()
        out: list[str] = []
        for name, value in values.items():
            out.append(name)
            self._encode(value, out)
        found = digest(self.bundle, path, template, *out)
        self.seconds += time.perf_counter() - started
        return found

    def _encode(self, value: Any, out: list[str]) -> None:
        if type(value) in _PLAIN or isinstance(value, _SCALARS):
            out.append(repr(value))
        elif isinstance(value, (Article, Page)):
            out.append(self.document(value))
        elif type(value).__module__.startswith("govsite.config."):
            out.append(repr(value))  # config values (columns, units…): plain frozen data
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            out.append(type(value).__name__ + "(")
            for name in _field_names(type(value)):
                out.append(name)
                self._item(getattr(value, name), out)
            out.append(")")
        elif isinstance(value, Mapping):
            out.append("{")
            for k, v in value.items():
                self._item(k, out)
                self._item(v, out)
            out.append("}")
        elif isinstance(value, (list, tuple)):
            out.append("[")
            for item in value:
                self._item(item, out)
            out.append("]")
        else:
            raise TypeError(f"cannot fingerprint {type(value).__name__}: give it a stable form")

    def _item(self, value: Any, out: list[str]) -> None:
        """_encode with the two commonest cases inline (this runs ~250,000 times a build)."""
        kind = type(value)
        if kind in _PLAIN:
            out.append(repr(value))
        elif kind is Article:
            out.append(self.document(value))
        else:
            self._encode(value, out)


def bundle_key(parts: Iterable[tuple[str, bytes]]) -> str:
    """Digest of the build-wide inputs: (name, content) pairs in a fixed order."""
    h = hashlib.blake2b(digest_size=16)
    for name, data in parts:
        h.update(name.encode("utf-8") + b"\x00" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()
