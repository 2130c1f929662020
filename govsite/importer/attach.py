"""Which file beside the 公文 is which attachment of its 附件说明 (pure).

Offices send 附件 as files named after the 附件说明 (“附件1 示例县…办法.docx”,
“示例县…一览表.xlsx”) or just “附件1.xlsx”. A name match wins over a number match;
a file is used for one attachment only.
"""

from __future__ import annotations

import re
from pathlib import PurePath

_NO = re.compile(r"^附件\s*(\d{1,2})")


def _plain(text: str) -> str:
    return re.sub(r"[\s《》“”\"'（）()_\-—.．、：:]", "", text)


def match(names: list[str], files: list[str]) -> dict[str, str]:
    """附件说明 names -> file names (of ``files``); unmatched names are left out."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        want = _plain(name)
        for f in files:
            stem = _plain(_NO.sub("", PurePath(f).stem))
            if (
                f not in used
                and stem
                and (stem == want or (len(stem) >= 4 and stem in want) or want in stem)
            ):
                out[name] = f
                used.add(f)
                break
    for n, name in enumerate(names, 1):
        if name in out:
            continue
        for f in files:
            m = _NO.match(PurePath(f).stem)
            if f not in used and m and int(m[1]) == n:
                out[name] = f
                used.add(f)
                break
    return out


def target_name(stem: str, n: int, file: str) -> str:
    """The attachment's file name beside the article: readable and unique per article."""
    return f"{stem}-fujian{n}{PurePath(file).suffix.lower()}"
