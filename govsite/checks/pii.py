"""Personal information (SEC-07…12): pii.* rules, exactly as confidentiality.md decides.

Checksums, dates and the words around a number decide, not digit counts alone.
Every rule works on ``TextDoc.norm`` (full-width forms folded to ASCII) and
claims the spans it reports, so one number is reported under one kind only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from govsite.checks.base import WARNING, Finding, TextDoc, mask
from govsite.checks.idnumbers import birth_date_ok, is_valid_id15, is_valid_id18, luhn_ok
from govsite.model import credit_code

Spans = list[tuple[int, int]]

# Each lookbehind stands after the first character: sre scans fast for a known first
# character, and a leading lookbehind would make it try every position.
_ID18 = re.compile(r"(\d(?<![0-9A-Za-z]\d)\d{5}) ?(\d{8}) ?(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"\d(?<![0-9A-Za-z]\d)\d{14}(?![0-9A-Za-z])")
_ID_MASKED = re.compile(r"[0-9*×](?<![0-9A-Za-z*×][0-9*×])[0-9*×]{16}[0-9Xx*×](?![0-9A-Za-z*×])")
_ID_WORD = re.compile(r"身份证|身份号码|公民身份|证件号")
# Starts with one of + 8 1 (the +86 / 86 prefix or the mobile's own 1); what may not stand
# before it is checked in mobiles().
_MOBILE = re.compile(
    r"[+81](?:(?<=\+)86[ -]?1|(?<=8)6[ -]?1|(?<=1))"
    r"([3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d|-\d|\*)"
)
_NOT_BEFORE_MOBILE = frozenset("0123456789.,*")
_MOBILE_PREFIX = re.compile(r"^(?:13\d|14[5-9]|15[0-35-9]|16[2567]|17[0-8]|18\d|19[0-35-9])$")
_LANDLINE = re.compile(r"(?<![\d*])(?:\(0\d{2,3}\) ?|0\d{2,3}[ -]?)?[2-9]\d{6,7}(?![\d*])")
_PHONE_LABEL = re.compile(
    r"(?P<personal>住宅电话|家庭电话|宅电|住宅座机|家庭座机|家中电话|私人电话|个人电话|家庭联系电话"
    r"|住宅号码)|办公电话|联系电话|电话|传真|热线|咨询|举报|监督|值班|座机|手机"
)
_PERSONAL_PHONE = re.compile(r"住宅|家庭|宅电|家中|私人|个人")
_PERSONAL_ADDRESS = re.compile(r"住址|户籍|居住|家住|住宅|家庭|现住|住在")
_CARD = re.compile(r"\d(?<![0-9A-Za-z*]\d)(?:[ -]?\d){15,18}(?![0-9A-Za-z*])")
_CARD_ORG = re.compile(
    r"对公|单位账户|单位账号|单位帐号|收款单位|开户单位|基本存款账户|财政专户|专户"
    r"|户名[:：]?[^\n]{0,30}?(?:局|委员会|委|办公室|中心|公司|基金|政府|学校|医院|站|所|社|厂|院"
    r"|集团|合作社|协会|银行|部|处|队|会)"
)
_CARD_PERSONAL = re.compile(
    r"卡号|银行卡|账号|帐号|公务卡|代发|储蓄卡|借记卡|信用卡|存折|社保卡"
    r"|收款人|本人"
)
_CODE_WORDS = re.compile(r"编号|编码|代码|项目|文号|批次|序列号|订单|流水|标段|合同")
_EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9*][A-Za-z0-9._%+*-]*)"
    r"@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)
_EMAIL_SUBJECT = re.compile(
    r"(?P<personal>个人|本人|私人|家庭|申请人|联系人|当事人|姓名|同志|先生|女士|家属)"
    r"|办公室|局|委|政府|中心|科|股|站|所|院|队|办|公司|单位|部门|协会|学校|医院|监督|举报|投诉"
    r"|咨询|受理|报名|投稿|信箱"
)
_HOUSE = re.compile(r"[0-9一二三四五六七八九十百零〇]+ ?(?:号楼|号院|号|楼|单元|室|栋|幢)")
_ADDRESS_LABEL = re.compile(
    r"(?P<personal>家庭住址|现住址|住址|户籍地址|户籍所在地|户籍地|居住地址|现居住地|居住地|家住"
    r"|住宅地址|家庭地址)"
    r"|办公地址|注册地址|经营场所|经营地址|营业地址|送达地址|办公地点|住所|坐落|地址|地点|位于"
)
_PASSPORT = re.compile(
    r"([CEGHLMSPD](?<![A-Za-z0-9*][CEGHLMSPD])"
    r"(?:(?<=E)\d{8}|(?<=E)[A-HJ-NP-Z]\d{7}|(?<=G)\d{8}|(?<=[SPD])E\d{7}|(?<=C)\d{8}|(?<=L)\d{8}|(?<=[HM])\d{8}(?:\d{2})?))"
    r"(?![A-Za-z0-9*])"
)
_PASSPORT_WORD = re.compile(r"护照|通行证|回乡证|旅行证|证件|港澳|台湾|往来|台胞|出入境")
_MILITARY = re.compile(r"字第(\d{6,8})号")

ID_FIX = "删除，或按规定脱敏：保留前 6 位和后 4 位，中间 8 位用 * 代替（如 152522********0517）"


def _free(spans: Spans, start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def _near_id_word(doc: TextDoc, pos: int) -> bool:
    """身份证 right before the number on its line, or in its table column's header."""
    line_start, _ = doc.line_span(doc.line_index(pos))
    if _ID_WORD.search(doc.norm, max(line_start, pos - 20), pos):
        return True
    return _ID_WORD.search(doc.header_of(pos)) is not None


def _credit_code_label(doc: TextDoc, pos: int) -> bool:
    """信用代码 labels the number: just before it on its line, or its column's header.
    Anywhere else on the line is not enough (a 信用代码 after a person's number)."""
    line_start, _ = doc.line_span(doc.line_index(pos))
    return "信用代码" in doc.norm[max(line_start, pos - 20) : pos] or "信用代码" in doc.header_of(
        pos
    )


def id_cards(doc: TextDoc, claimed: Spans) -> list[Finding]:
    out = []
    text = doc.norm
    for m in _ID18.finditer(text):
        number = "".join(m.groups()).upper()
        if is_valid_id18(number):
            if _credit_code_label(doc, m.start()) and credit_code.is_valid(number):
                continue
            claimed.append(m.span())
            out.append(
                doc.finding(
                    "pii.id-card",
                    m.start(),
                    f"发现未脱敏的身份证号 {mask(number)}",
                    ID_FIX,
                    value=number,
                )
            )
        elif _near_id_word(doc, m.start()):
            claimed.append(m.span())
            out.append(
                doc.finding(
                    "pii.id-card",
                    m.start(),
                    f"疑似身份证号 {mask(number)}：紧邻“身份证”，但校验位不符（可能录入有误）",
                    "核对号码：确为身份证号的删除或脱敏；不是身份证号的，改写前后文字使其不再紧邻“身份证”",
                    severity=WARNING,
                    value=number,
                )
            )
    for m in _ID_MASKED.finditer(text):
        number = m.group()
        masked = sum(ch in "*×" for ch in number)
        if 0 < masked < 8 and number[:6].isdigit() and birth_date_ok(number):
            claimed.append(m.span())
            out.append(
                doc.finding(
                    "pii.id-card",
                    m.start(),
                    "身份证号脱敏不足：少于 8 位被遮盖，出生日期仍可见",
                    ID_FIX,
                    value=number,
                )
            )
    for m in _ID15.finditer(text):
        if is_valid_id15(m.group()) and _ID_WORD.search(doc.context_at(m.start())):
            claimed.append(m.span())
            out.append(
                doc.finding(
                    "pii.id-card",
                    m.start(),
                    f"发现未脱敏的 15 位身份证号 {mask(m.group())}",
                    ID_FIX,
                    value=m.group(),
                )
            )
    return out


def mobiles(doc: TextDoc, claimed: Spans, public: Collection[str]) -> list[Finding]:
    out = []
    text = doc.norm
    for m in _MOBILE.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if before[-1:] in _NOT_BEFORE_MOBILE or (
            len(before) == 2 and before[0].isdigit() and before[1] in " -"
        ):
            continue  # inside a longer number, an amount or a masked value
        number = "1" + m[1] + m[2] + m[3]
        if not _MOBILE_PREFIX.match(number[:3]) or not _free(claimed, *m.span()):
            continue
        if number in public:
            continue
        claimed.append(m.span())
        out.append(
            doc.finding(
                "pii.mobile",
                m.start(),
                f"发现未脱敏的手机号 {mask(number)}",
                "手机号是个人信息，无论属于谁都不能公开：改写单位办公电话，或脱敏为 138****5678",
                value=number,
            )
        )
    return out


def _last_label(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the last label before the value wins
        pass
    return last


def _may_hold(doc: TextDoc, labels: re.Pattern[str]) -> bool:
    """Whether a label can stand anywhere: in the text, a table header or a cell's context."""
    return doc.contexts is not None or "|" in doc.norm or labels.search(doc.norm) is not None


def landlines(doc: TextDoc, claimed: Spans, public: Collection[str]) -> list[Finding]:
    if not _may_hold(doc, _PERSONAL_PHONE):
        return []
    out = []
    for m in _LANDLINE.finditer(doc.norm):
        if not _free(claimed, *m.span()):
            continue
        start, _ = doc.line_span(doc.line_index(m.start()))
        label = _last_label(_PHONE_LABEL, doc.norm[start : m.start()])
        if label is not None:
            personal = label["personal"] is not None
        else:
            personal = _personal_header(doc.header_of(m.start()))
        digits = re.sub(r"\D", "", m.group())
        if not personal or digits in public or digits[-8:] in public:
            continue
        claimed.append(m.span())
        out.append(
            doc.finding(
                "pii.landline",
                m.start(),
                "发现个人住宅（家庭）电话",
                "删除个人住宅电话；需要公开联系方式时，写单位办公电话",
                value=digits,
            )
        )
    return out


def _personal_header(header: str) -> bool:
    m = _PHONE_LABEL.search(header)
    return m is not None and m["personal"] is not None


# An account holder's cell in a table row: an organisation (a bank branch is where the
# account is held, not whose it is).
_ORG_CELL = re.compile(
    r"(?:局|委员会|委|办公室|办|中心|公司|基金会|基金|政府|学校|中学|小学|幼儿园"
    r"|医院|卫生院|站|所|社|厂|院|集团|合作社|协会|部|处|队|会|馆|团|店|场)$"
)
_BANK_CELL = re.compile(r"(?:银行|支行|分行|分理处|营业部|信用社|信用联社)$")
_CARD_OWNED = re.compile(
    r"个人银行卡|个人账户|个人账号|个人卡|公务卡|代发|工资卡|储蓄卡|借记卡"
    r"|社保卡|本人|持卡人"
)
_LONG_DIGITS = re.compile(r"\d(?:[ -]?\d){11,}")


def _record(doc: TextDoc, pos: int, above: int = 3) -> tuple[str, str | None]:
    """What one record says about the value at ``pos``, and its table row (None outside one).

    In a table the record is the row and the column's header: the rows above are other
    people's or other organisations'. In running text it is the line and the lines just
    above it in the same paragraph, up to one that holds a number of its own (a record
    of its own) or a blank line.
    """
    row = doc.row_of(pos)
    if row is not None:
        return row + " " + doc.header_of(pos), row
    index = doc.line_index(pos)
    parts = [doc.line_at(pos)]
    for i in range(index - 1, max(-1, index - 1 - above), -1):
        line = doc.norm[slice(*doc.line_span(i))]
        if not line.strip() or _LONG_DIGITS.search(line):
            break
        parts.insert(0, line)
    return "\n".join(parts) + " " + doc.header_of(pos), None


def _title_above(doc: TextDoc, pos: int, lines: int = 12) -> str:
    """The lines above a list or table (its title says what the numbers in it are)."""
    return doc.lines_before(pos, lines)


def _org_row(row: str, value: str) -> bool:
    cells = [c.strip() for c in row.split("|")]
    return any(
        c and value not in c and _ORG_CELL.search(c) and not _BANK_CELL.search(c) for c in cells
    )


def bank_cards(doc: TextDoc, claimed: Spans) -> list[Finding]:
    out = []
    for m in _CARD.finditer(doc.norm):
        digits = re.sub(r"\D", "", m.group())
        if not 16 <= len(digits) <= 19 or not luhn_ok(digits) or not _free(claimed, *m.span()):
            continue
        record, row = _record(doc, m.start())
        owned = _CARD_OWNED.search(record)
        if not owned and (
            _CARD_ORG.search(record) or (row is not None and _org_row(row, m.group()))
        ):
            continue  # an organisation's account: public
        if (
            not owned
            and not _CARD_PERSONAL.search(record)
            and not (_CARD_OWNED.search(_title_above(doc, m.start()) + doc.table_head(m.start())))
            and not (digits.startswith("62") and not _CODE_WORDS.search(record))
        ):
            continue
        claimed.append(m.span())
        out.append(
            doc.finding(
                "pii.bank-card",
                m.start(),
                f"发现个人银行卡号 {mask(digits)}",
                "删除或脱敏（如 6228 48** **** **** 172，或写“尾号1037”）",
                value=digits,
            )
        )
    return out


# A list of people: applicants, candidates, staff (their e-mails are theirs, not an office's).
_PEOPLE = re.compile(
    r"姓名|考生|报考|应聘|准考证|申请人|候选人|拟录用|拟聘用|录取|性别|出生|年生"
    r"|身份证|[，,、|]\s*[男女]\s*[，,、|]"
)


def emails(doc: TextDoc, claimed: Spans, allowed: Callable[[str], bool]) -> list[Finding]:
    if "@" not in doc.norm:
        return []
    out = []
    for m in _EMAIL.finditer(doc.norm):
        local, domain = m[1], m[2].lower()
        if "*" in local or allowed(domain):
            continue
        start, _ = doc.line_span(doc.line_index(m.start()))
        record, row = _record(doc, m.start(), above=1)
        people = _PEOPLE.search(record if row is None else row + doc.table_head(m.start()))
        label = _last_label(_EMAIL_SUBJECT, doc.norm[start : m.start()])
        if label is None and not people:
            label = _last_label(_EMAIL_SUBJECT, doc.lines_before(m.start(), 1)) or _last_label(
                _EMAIL_SUBJECT, doc.header_of(m.start())
            )
        if not people and label is not None and label["personal"] is None:
            continue
        claimed.append(m.span())
        out.append(
            doc.finding(
                "pii.email",
                m.start(),
                f"发现个人电子邮箱 {mask(local)}@{domain}",
                "改写单位公务邮箱，或脱敏为 z***@163.com；单位邮箱请在同一行写明单位名称",
                value=m.group(),
            )
        )
    return out


def addresses(doc: TextDoc, claimed: Spans) -> list[Finding]:
    if not _may_hold(doc, _PERSONAL_ADDRESS):
        return []
    out = []
    reported: set[int] = set()
    for m in _HOUSE.finditer(doc.norm):
        index = doc.line_index(m.start())
        if index in reported or not _free(claimed, *m.span()):
            continue
        start, _ = doc.line_span(index)
        label = _last_label(_ADDRESS_LABEL, doc.norm[start : m.start()])
        if label is None:
            header = _ADDRESS_LABEL.search(doc.header_of(m.start()))
            personal = header is not None and header["personal"] is not None
        else:
            personal = label["personal"] is not None and m.start() - start - label.end() <= 60
        if not personal:
            continue
        reported.add(index)
        pos = start + label.end() if label is not None else m.start()
        out.append(
            doc.finding(
                "pii.address",
                pos,
                "发现个人详细住址（门牌号级）",
                "只写到乡镇（苏木）、街道或村（嘎查），删除组、门牌号、楼号、单元和室号",
                value=doc.norm[pos : m.end()],
            )
        )
    return out


def passports(doc: TextDoc, claimed: Spans) -> list[Finding]:
    out = []
    for m in _PASSPORT.finditer(doc.norm):
        number = m[1]
        context = doc.context_at(m.start(), before=1)
        if number[0] in "CLHMG" and not _PASSPORT_WORD.search(context):
            continue
        if _CODE_WORDS.search(doc.line_at(m.start())) and not _PASSPORT_WORD.search(context):
            continue
        out.append(
            doc.finding(
                "pii.passport",
                m.start(),
                f"发现证件号码 {mask(number)}",
                "删除或脱敏（如 E********）",
                value=number,
            )
        )
    for m in _MILITARY.finditer(doc.norm):
        context = doc.context_at(m.start())
        if "军" in context or "证件" in context or len(m[1]) == 7:
            out.append(
                doc.finding(
                    "pii.passport",
                    m.start(),
                    "发现军官证等证件号码",
                    "删除或脱敏证件号码",
                    value=m.group(),
                )
            )
    return out
