"""Recognise the parts of a 公文 laid out by GB/T 9704-2012 (pure, no I/O).

版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人), 标题, 主送机关, 正文,
附件说明, 落款 (发文机关署名), 成文日期, 附注, and the 版记 (抄送, 印发机关和印发日期)
that never goes on the website. Each recogniser takes text (and the layout hints a
.docx gives) and returns what it found; ``recognise`` puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from govsite.importer.blocks import CENTER, RIGHT, Block

_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "〇○零Ｏ一二三四五六七八九十"
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE = re.compile(rf"^([{_CN}]{{4}})年([{_CN}]{{1,2}})月([{_CN}]{{1,3}})日$")
_DOC_NO = re.compile(
    r"([\u4e00-\u9fa5A-Za-z]{1,12}[〔\[（(【](?:19|20)\d{2}[〕\]）)】]第?\d{1,4}号)"
)
_SIGNER = re.compile(r"签发人[：:]\s*(\S+(?:\s+\S+)*)")
_SECRET = re.compile(r"^(绝密|机密|秘密)(?:[★\s]|$)")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_COPY_NO = re.compile(r"^\d{6}$")
_BANJI = re.compile(r"^(抄送|主办|主送)[：:]|印发$")
# 文种 (GB/T 9704 / 党政机关公文处理工作条例) and the document kinds offices publish.
GENRES = (
    "通知",
    "通告",
    "公告",
    "意见",
    "决定",
    "决议",
    "命令",
    "公报",
    "议案",
    "报告",
    "请示",
    "批复",
    "函",
    "纪要",
    "办法",
    "规定",
    "细则",
    "方案",
    "规划",
    "计划",
    "条例",
    "通报",
    "要点",
    "规则",
    "制度",
    "章程",
    "指南",
    "清单",
    "目录",
    "名单",
)
_TITLE_END = re.compile(rf"(?:{'|'.join(GENRES)})(?:[（(](?:试行|暂行|征求意见稿|修订)[）)])?$")
_NOTE = re.compile(r"^[（(](.+)[）)]$")
_ATTACH_HEAD = re.compile(r"^附件[：:]\s*(.*)$")
_ATTACH_ITEM = re.compile(r"^(\d{1,2})[.．、]\s*(.+)$")
_APPENDIX = re.compile(r"^附件\s*(\d{0,2})$")
_ORG_END = (
    "人民政府",
    "政府",
    "办公室",
    "委员会",
    "局",
    "厅",
    "部",
    "委",
    "院",
    "会",
    "中心",
    "办",
    "所",
    "站",
    "队",
    "处",
    "科",
    "党委",
    "政协",
    "人大常委会",
    "法院",
    "检察院",
)
_PUNCT = "。，；！？、,;!?"

DISCLOSURES = {
    "此件公开发布": "主动公开",
    "此件主动公开": "主动公开",
    "此件依申请公开": "依申请公开",
    "此件不予公开": "不予公开",
    "此件免予公开": "免予公开",
}


_WIDE = {0xFF10 + d: 0x30 + d for d in range(10)}


def norm(text: str) -> str:
    """The text without layout spaces, full-width digits as ASCII (punctuation kept)."""
    return "".join(text.split()).translate(_WIDE)


def _cn_int(text: str) -> int | None:
    """一 … 三十一 (months and days)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, unit = text.partition("十")
        t = _CN_DIGIT.get(tens, -1) if tens else 1
        u = _CN_DIGIT.get(unit, -1) if unit else 0
        return None if t < 0 or u < 0 else t * 10 + u
    if len(text) == 1:
        return _CN_DIGIT.get(text)
    return None


def written_date(text: str) -> date | None:
    """成文日期 as written under the 落款: 2025年3月5日 or 二〇二五年三月五日."""
    t = norm(text)
    m = _DATE.match(t)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _CN_DATE.match(t)
        if not m:
            return None
        digits = [_CN_DIGIT.get(c) for c in m[1]]
        mo_n, d_n = _cn_int(m[2]), _cn_int(m[3])
        if any(x is None for x in digits) or mo_n is None or d_n is None:
            return None
        y = int("".join(str(x) for x in digits))
        mo, d = mo_n, d_n
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def find_doc_no(text: str) -> str | None:
    """The 发文字号 in a 版头 line (it may share the line with 签发人)."""
    m = _DOC_NO.search(norm(text))
    return m[1] if m else None


def disclosure(note: str) -> str | None:
    """公开属性 from a 附注 such as （此件公开发布）; None when the 附注 says none."""
    m = _NOTE.match(norm(note))
    inner = m[1] if m else norm(note)
    for phrase, value in DISCLOSURES.items():
        if inner.startswith(phrase):
            return value
    return None


def is_org_name(text: str) -> bool:
    """A line that reads as an office's name (发文机关署名 or 发文机关标志)."""
    t = norm(text)
    if not 2 <= len(t) <= 40 or any(c in t for c in _PUNCT + "：:《》"):
        return False
    return t.endswith(_ORG_END) or t.endswith("文件")


def split_orgs(text: str) -> list[str]:
    """联合发文 署名 may stand side by side on one line, separated by spaces."""
    parts = [p for p in re.split(r"[ \t\u3000]{2,}|\t", text.strip()) if p.strip()]
    return [norm(p) for p in parts]


def title_ends(text: str) -> bool:
    return _TITLE_END.search(norm(text)) is not None


def genre(title: str) -> str | None:
    m = re.search(rf"({'|'.join(GENRES)})(?:[（(][^）)]*[）)])?$", title)
    return m[1] if m else None


def join_lines(lines: list[str]) -> str:
    """Title lines joined as one: Chinese needs no space, Latin words keep one."""
    out = ""
    for raw in lines:
        # Layout spaces go; a space between two Latin words or numbers stays.
        line = re.sub(r"\s+(?![A-Za-z0-9])|(?<![A-Za-z0-9])\s+", "", raw.strip().translate(_WIDE))
        line = re.sub(r"\s+", " ", line)
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and line[:1].isascii()
            and line[:1].isalnum()
        ):
            out += " "
        out += line
    return out


@dataclass
class Banner:
    orgs: list[str] = field(default_factory=list)  # 发文机关标志 without “文件”
    kind: str = ""  # "文件" | "函" | "" (no 版头)
    doc_no: str | None = None
    signer: str | None = None
    secret: str | None = None


def banner(blocks: list[Block]) -> tuple[Banner, int]:
    """版头 at the top: returns it and the index of the first block after it.

    A 版头 ends with the 发文字号 line (the red line under it is not text). No 发文字号
    among the first blocks means the document has no 版头 (公告, 纪要 pasted bare).
    """
    b = Banner()
    limit = min(len(blocks), 10)
    end = None
    for i in range(limit):
        blk = blocks[i]
        if blk.kind != "p":
            break
        t = blk.clean
        if not t:
            continue
        secret = _SECRET.match(norm(blk.text))
        if secret:
            b.secret = secret[1]
            continue
        if _COPY_NO.match(norm(t)) or _URGENCY.match(t):
            continue
        no = find_doc_no(blk.text)
        if no and len(norm(blk.text)) <= len(no) + 20:
            b.doc_no = no
            signer = _SIGNER.search(blk.text)
            b.signer = signer[1].strip() if signer else None
            end = i + 1
            break
        if is_org_name(t) or t == "文件":
            for name in split_orgs(blk.text):
                if name == "文件":
                    b.kind = "文件"
                elif name.endswith("文件"):
                    b.kind = "文件"
                    b.orgs.append(name.removesuffix("文件"))
                elif is_org_name(name):
                    b.orgs.append(name)
            continue
        break
    if end is None:
        return Banner(secret=b.secret), 0
    if b.orgs and not b.kind:
        b.kind = "函"
    if b.doc_no and "函" in b.doc_no.split("〔")[0]:
        b.kind = "函"
    return b, end


def title(blocks: list[Block], start: int, has_layout: bool) -> tuple[list[str], int]:
    """The 标题 lines after the 版头: centred lines when the layout is known; otherwise
    lines up to the 主送机关 or up to the line that ends with the 文种."""
    lines: list[str] = []
    i = start
    while i < len(blocks) and blocks[i].kind == "p" and not blocks[i].clean:
        i += 1
    while i < len(blocks) and len(lines) < 4:
        blk = blocks[i]
        if blk.kind != "p":
            break
        t = blk.clean
        if not t:
            if lines:
                break
            i += 1
            continue
        if has_layout and blk.align != CENTER:
            break
        if lines and (t.endswith(("：", ":")) or _ATTACH_HEAD.match(t)):
            break
        lines.append(blk.text)
        i += 1
        if not has_layout and title_ends(join_lines(lines)):
            break
    return lines, i


@dataclass
class Closing:
    """落款 block, 成文日期, 附注: their indices and what they say."""

    orgs: list[str]
    date_text: str
    written: date | None
    note: str | None
    orgs_at: int  # index of the first 署名 block (or the date when there is none)
    end: int  # first block after the 附注 (the 附件 text or the 版记 follow)


def closing(blocks: list[Block], start: int) -> Closing | None:
    """The first date line standing alone that is followed by a 附注, 附件, 版记 or the end."""
    for i in range(start, len(blocks)):
        blk = blocks[i]
        if blk.kind != "p" or written_date(blk.text) is None:
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "p" and not blocks[j].clean:
            j += 1
        note = None
        nxt = blocks[j].clean if j < len(blocks) and blocks[j].kind == "p" else ""
        if nxt and _NOTE.match(norm(nxt)):
            note, j = nxt, j + 1
            while j < len(blocks) and blocks[j].kind == "p" and not blocks[j].clean:
                j += 1
            nxt = blocks[j].clean if j < len(blocks) and blocks[j].kind == "p" else ""
        if j < len(blocks) and not (nxt and (_APPENDIX.match(norm(nxt)) or _BANJI.search(nxt))):
            continue
        k = i
        orgs: list[str] = []
        while k - 1 >= start and blocks[k - 1].kind == "p" and len(orgs) < 6:
            prev = blocks[k - 1]
            if not prev.clean:
                k -= 1
                continue
            names = split_orgs(prev.text)
            if not names or not all(is_org_name(n) for n in names):
                break
            orgs = names + orgs
            k -= 1
        while k < i and not blocks[k].clean:
            k += 1
        return Closing(orgs, blk.text.strip(), written_date(blk.text), note, k, j)
    return None


def attachment_list(blocks: list[Block], start: int, end: int) -> tuple[list[str], int]:
    """附件说明 (附件：1. … / 2. …) just before the 落款: the names and where it starts."""
    for i in range(end - 1, start - 1, -1):
        blk = blocks[i]
        if blk.kind != "p":
            continue
        m = _ATTACH_HEAD.match(norm(blk.text))
        if not m:
            continue
        names: list[str] = []
        first = m[1]
        if first:
            item = _ATTACH_ITEM.match(first)
            names.append(item[2] if item else first)
        for nxt in blocks[i + 1 : end]:
            if nxt.kind != "p" or not nxt.clean:
                continue
            item = _ATTACH_ITEM.match(norm(nxt.text))
            if not item:
                break
            names.append(item[2])
        return [n.rstrip("。") for n in names], i
    return [], end


@dataclass
class Recognised:
    banner: Banner
    title_lines: list[str]
    addressee: str | None
    body: list[Block]
    attachments: list[str]
    closing: Closing | None
    appendix: list[Block]  # 附件 text after the 附注, before the 版记
    trailer: list[Block]  # 版记: not published

    @property
    def title(self) -> str:
        return join_lines(self.title_lines)


def recognise(blocks: list[Block], *, has_layout: bool, head: bool = True) -> Recognised:
    """``head=False``: the blocks are a body only (a web page's text, no 版头 or 标题)."""
    if head:
        top, i = banner(blocks)
        lines, i = title(blocks, i, has_layout)
    else:
        top, i, lines = Banner(), 0, []
    while i < len(blocks) and blocks[i].kind == "p" and not blocks[i].clean:
        i += 1
    addressee = None
    if i < len(blocks) and blocks[i].kind == "p":
        t = norm(blocks[i].text)
        if (
            t.endswith(("：", ":"))
            and len(t) <= 120
            and not _ATTACH_HEAD.match(t)
            and "。" not in t
        ):
            addressee, i = blocks[i].text.strip(), i + 1
    close = closing(blocks, i)
    body_end = close.orgs_at if close else len(blocks)
    names, body_end = attachment_list(blocks, i, body_end)
    rest = close.end if close else len(blocks)
    trailer_at = next(
        (
            k
            for k in range(rest, len(blocks))
            if blocks[k].kind == "p" and _BANJI.search(norm(blocks[k].text))
        ),
        len(blocks),
    )
    return Recognised(
        banner=top,
        title_lines=lines,
        addressee=addressee,
        body=blocks[i:body_end],
        attachments=names,
        closing=close,
        appendix=blocks[rest:trailer_at],
        trailer=blocks[trailer_at:],
    )


def is_right(blk: Block) -> bool:
    return blk.align == RIGHT


def split_appendix(blocks: list[Block]) -> list[list[Block]]:
    """The 附件 text after the 附注, one list per 附件 (each starts at its “附件N” line)."""
    sections: list[list[Block]] = []
    for blk in blocks:
        if blk.kind == "p" and _APPENDIX.match(norm(blk.text)):
            sections.append([blk])
        elif sections:
            sections[-1].append(blk)
        elif blk.kind != "p" or blk.clean:
            sections.append([blk])
    return sections
