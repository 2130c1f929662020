"""Work limits for reading untrusted input (hostile files must not hang or exhaust the machine).

Defaults are declared once in ``FIELDS``; a site may tighten or loosen them in
``hooks/limits.yml`` (platform-owned). Every limit that is hit is an error that
names the limit's key, so the platform knows what to raise if a real file needs it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from govsite.config.schema import Collector, load_yaml
from govsite.model.limits import DEFAULT, FIELDS, MB, Limits, key_of

__all__ = ["DEFAULT", "FIELDS", "FILE", "MB", "Limits", "key_of", "load"]

FILE = "limits.yml"


@cache
def load(hooks_dir: Path) -> Limits:
    """``hooks_dir/limits.yml`` over the defaults; a missing file means the defaults."""
    path = hooks_dir / FILE
    if not path.is_file():
        return DEFAULT
    display = f"hooks/{FILE}"
    data, lines = load_yaml(path, display)
    out = Collector(display, lines=lines)
    values: dict[str, int] = {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        out.add("", "应为“键: 数值”的列表", "参照 docs/保密审查与三校.md 中的“处理上限”一节")
        out.raise_if_any()
    out.unknown_keys(data, [k for k, _, _ in FIELDS], "")
    for key, attribute, scale in FIELDS:
        if key not in data:
            continue
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            out.add(key, f"“{key}”应为正整数，实际是“{value}”", "写一个大于 0 的整数")
            continue
        values[attribute] = value * scale
    out.raise_if_any()
    return Limits(**values)
