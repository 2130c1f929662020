"""A 公文's recognised parts as the Markdown body of an article (pure).

The structure is kept with Markdown conventions the theme styles (attr_list
classes only, see theme/static/css/site.css “公文版式”):

- 主送机关  ``{: .gw-zhusong }``      no first-line indent
- 第X章     ``## … {: .gw-zhang }``   centred;  第X节 ``### … {: .gw-jie }``
- 第X条     ``**第X条** …``            the 条 number bold
- 附件说明  ``附件：{: .gw-fujian }`` + a list of links to the attachment files
- 落款      ``{: .gw-luokuan }``, 成文日期 ``{: .gw-date }`` right-aligned
- 附注      ``{: .gw-fuzhu }``

Numbered levels (一、（一）1.（1）) stay as written: a leading ``1.`` is escaped so
Markdown never turns it into a list that it would renumber.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from govsite import markup
from govsite.importer.blocks import Block
from govsite.importer.gongwen import Recognised, norm

CLASSES = markup.GONGWEN_P | markup.GONGWEN_H  # the only classes the page keeps
_NUM = "一二三四五六七八九十百零〇"
_ZHANG = re.compile(rf"^第[{_NUM}]+章")
_JIE = re.compile(rf"^第[{_NUM}]+节")
_TIAO = re.compile(rf"^(第[{_NUM}]+条)[\s\u3000]*(.*)$", re.S)
_CAPTION = re.compile(r"^(图|表)\s*\d+")
_LEADING = re.compile(r"^(\d{1,3})([.)])")
_INLINE = re.compile(r"([\\`*_\[\]>|])")


def escape(text: str) -> str:
    """Text as Markdown that renders as itself (no emphasis, links, HTML or lists)."""
    out = _INLINE.sub(r"\\\1", text.strip()).replace("<", "&lt;")
    out = _LEADING.sub(r"\1\\\2", out)
    if out[:1] in "#>+-=" or out.startswith("~~~"):
        out = "\\" + out
    return out


def _table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    width = max(len(r) for r in rows)

    def cell(text: str) -> str:
        return escape(" ".join(text.split())) or " "

    lines = []
    for n, row in enumerate(rows):
        cells = [cell(c) for c in row] + [" "] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "---|" * width)
    return lines


def blocks_markdown(
    blocks: list[Block],
    images: Mapping[str, str],
    undecided: list[str],
    alts: Mapping[str, str] | None = None,
) -> list[str]:
    """正文 blocks as Markdown paragraphs (each an item; joined with blank lines)."""
    has_zhang = any(b.kind == "p" and _ZHANG.match(b.clean) for b in blocks)
    out: list[str] = []
    skip: set[int] = set()
    for n, blk in enumerate(blocks):
        if n in skip:
            continue
        if blk.kind == "table":
            if blk.rows:
                out.append("\n".join(_table(blk.rows)))
            continue
        if blk.kind == "image":
            k = n + 1
            while k < len(blocks) and blocks[k].kind == "p" and not blocks[k].clean:
                k += 1
            nxt = blocks[k] if k < len(blocks) else None
            caption = (
                nxt.text.strip()
                if nxt is not None and nxt.kind == "p" and _CAPTION.match(nxt.clean)
                else ""
            )
            file = images.get(blk.image, "")
            if not file:
                continue
            if not caption and alts and alts.get(blk.image):
                out.append(f"![{escape(alts[blk.image])}]({file})")
                continue
            if not caption:
                undecided.append(f"图片 {file} 没有图题，替代文字暂写为“图片”，请补写说明")
            alt = caption or "图片"
            out.append(f"![{escape(alt)}]({file})")
            if caption:
                out.append(escape(caption))
                skip.add(k)
            continue
        t = blk.text.strip()
        if not t:
            continue
        c = norm(t)
        if _ZHANG.match(c):
            out.append(f"## {escape(_spaced(t))} {{: .gw-zhang }}")
        elif _JIE.match(c):
            out.append(f"{'###' if has_zhang else '##'} {escape(_spaced(t))} {{: .gw-jie }}")
        elif (m := _TIAO.match(t)) is not None:
            rest = escape(m[2]) if m[2].strip() else ""
            out.append(f"**{m[1]}** {rest}".rstrip())
        else:
            out.append(escape(t))
    return out


def _spaced(text: str) -> str:
    """第一章总则 and 第一章　总则 alike as 第一章　总则 (the 章 title keeps its words)."""
    m = re.match(rf"^(第[{_NUM}]+[章节])[\s\u3000]*(.*)$", text.strip())
    return f"{m[1]}\u3000{m[2]}" if m and m[2] else text.strip()


def article_body(
    rec: Recognised,
    images: Mapping[str, str],
    links: Mapping[str, str],
    undecided: list[str],
    alts: Mapping[str, str] | None = None,
) -> str:
    """The whole body: 主送机关, 正文, 附件说明 (linked), 落款, 成文日期, 附注, 附件 text."""
    parts: list[str] = []
    if rec.addressee:
        parts.append(f"{escape(rec.addressee)}\n{{: .gw-zhusong }}")
    parts += blocks_markdown(rec.body, images, undecided, alts)
    if rec.attachments:
        parts.append("附件：\n{: .gw-fujian }")
        items = []
        numbered = len(rec.attachments) > 1
        for n, name in enumerate(rec.attachments, 1):
            label = escape(f"{n}. {name}" if numbered else name)
            file = links.get(name)
            items.append(f"- [{label}]({file})" if file else f"- {label}")
        parts.append("\n".join(items))
    close = rec.closing
    if close is not None:
        for org in close.orgs:
            parts.append(f"{escape(org)}\n{{: .gw-luokuan }}")
        parts.append(f"{escape(close.date_text)}\n{{: .gw-date }}")
        if close.note:
            parts.append(f"{escape(close.note)}\n{{: .gw-fuzhu }}")
    if rec.appendix:
        appendix = blocks_markdown(rec.appendix, images, undecided)
        if appendix:
            first, *rest = appendix
            parts.append(f"{first}\n{{: .gw-fujian-title }}")
            parts += rest
    return "\n\n".join(parts) + "\n"
