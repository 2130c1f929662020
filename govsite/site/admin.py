"""The Decap CMS web editor's configuration, generated from govsite's schema (pure).

``decap_config`` turns site.yml and reviewers.yml (already read) into the dict that
``govsite admin build`` writes as ``config.yml``: one collection per unit (its folder
``content/<unit>/`` is what reviewers.yml's paths and the three reviews are keyed on, and
Decap cannot choose an entry's folder from a field), columns, 信息分类 and the enums as
selects with their Chinese names, dates as date pickers written in the formats the model
reads, attachments as file fields beside the article. Field names are the front-matter
keys, in the order ``govsite new`` writes them: Decap writes the keys in field order.

Nothing here reads files or the network; the command does.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govsite.config.reviewers import Unit
from govsite.config.site import Column, SiteConfig
from govsite.model.article import IMPORTANCE, KEYS, PUBLISHABLE, VALIDITY

BACKENDS = ("github", "gitea", "forgejo", "local")
BUNDLE = "decap-cms.js"
# Decap's front-matter format that always writes YAML between "---" lines (the plain
# "frontmatter" format would keep TOML or JSON if it met them).
FORMAT = "yaml-frontmatter"
# The date formats the model reads (model/article.py parse_date, parse_datetime).
DATE_FORMAT = "YYYY-MM-DD"
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"
# The units that own platform files, not articles: no collection (reviewers.yml paths).
NOT_EDITORIAL = ("platform",)
# 'cms/' branches: the editorial workflow's PR branches (GitHub) and decap-server's.
CMS_PREFIX = "cms/"
# Decap 3.16's Gitea backend refuses the editorial workflow ("The Gitea backend does not
# support editorial workflow"): it commits to one drafts branch, never to the protected
# one, and the platform opens the PR from it. Its Forgejo backend opens PRs itself.
GITEA_BRANCH = "cms/drafts"


@dataclass(frozen=True)
class Backend:
    """Where the editor saves: the platform's forge (or decap-server, for tests)."""

    name: str  # github | gitea | forgejo | local
    repo: str = ""  # owner/name on the forge
    branch: str = "main"  # the protected branch PRs go into
    base_url: str = ""  # the OAuth server (GitHub) or the Gitea host
    api_root: str = ""  # GitHub Enterprise .../api/v3 or Gitea .../api/v1
    auth_endpoint: str = ""
    app_id: str = ""  # Gitea OAuth2 application's client id (PKCE)
    local_url: str = ""  # decap-server's .../api/v1 (local only)


def _column_label(site: SiteConfig, column: Column) -> str:
    """ "政府信息公开 / 政策文件 / 规范性文件": the same name can sit under two parents."""
    names = [c.title for c in site.ancestors(column.id)] if column.parent else []
    if not names or names[-1] != column.title:
        names.append(column.title)
    return " / ".join(names)


def _options(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for label, value in pairs]


def _hint(key: str, extra: str = "") -> str:
    return (KEYS.get(key, "") + ("；" + extra if extra else "")).strip("；")


def article_fields(
    site: SiteConfig, unit: Unit, units: Mapping[str, Unit], *, index_hint: str
) -> list[dict[str, Any]]:
    """The form of one unit's articles, in the order ``govsite new`` writes the keys."""
    columns = _options([(_column_label(site, c), c.id) for c in site.columns.values()])
    others = _options([(u.name, uid) for uid, u in units.items() if uid not in (unit.id,)])
    date: dict[str, Any] = {
        "widget": "datetime",
        "format": DATE_FORMAT,
        "date_format": DATE_FORMAT,
        "time_format": False,
        "required": False,
        "default": "",
    }
    fields: list[dict[str, Any]] = [
        {"label": "标题", "name": "标题", "widget": "string", "hint": _hint("标题")},
        {
            "label": "公开日期",
            "name": "公开日期",
            "widget": "datetime",
            "format": DATETIME_FORMAT,
            "date_format": DATE_FORMAT,
            "time_format": "HH:mm",
            "hint": _hint("公开日期"),
        },
        {"label": "成文日期", "name": "成文日期", **date, "hint": _hint("成文日期")},
        {
            "label": "索引号",
            "name": "索引号",
            "widget": "string",
            "required": False,
            "hint": index_hint,
        },
        {
            "label": "发文机构",
            "name": "发文机构",
            "widget": "string",
            "default": unit.name,
            "hint": _hint("发文机构"),
        },
        {
            "label": "栏目",
            "name": "栏目",
            "widget": "select",
            "multiple": True,
            "min": 1,
            "options": columns,
            "hint": "可选多个栏目；列入主动公开目录的栏目须填写索引号、成文日期、信息分类",
        },
        {
            "label": "发文字号",
            "name": "发文字号",
            "widget": "string",
            "required": False,
            "hint": _hint("发文字号", "没有文号的不填"),
        },
        {
            "label": "信息分类",
            "name": "信息分类",
            "widget": "select",
            "required": False,
            "options": list(site.topics),
            "hint": _hint("信息分类"),
        },
        {
            "label": "有效性",
            "name": "有效性",
            "widget": "select",
            "options": list(VALIDITY),
            "default": VALIDITY[0],
            "hint": _hint("有效性", "失效、废止时须填写废止日期；废止、已修订时须填写废止文件"),
        },
        {"label": "废止日期", "name": "废止日期", **date, "hint": _hint("废止日期")},
        {
            "label": "废止文件",
            "name": "废止文件",
            "widget": "string",
            "required": False,
            "hint": _hint("废止文件"),
        },
        {
            "label": "公开方式",
            "name": "公开方式",
            "widget": "select",
            # Only 主动公开 may enter the repository at all: a PR branch is already
            # public to everyone who can read the repository (secret.not-for-publication).
            "options": [PUBLISHABLE],
            "default": PUBLISHABLE,
            "hint": "只有主动公开的信息可以在这里发布；"
            "依申请公开、不予公开、免予公开的文件不要录入",
        },
        {
            "label": "重要程度",
            "name": "重要程度",
            "widget": "select",
            "options": list(IMPORTANCE),
            "default": IMPORTANCE[0],
            "hint": _hint("重要程度"),
        },
        {
            "label": "联合发文单位",
            "name": "联合发文单位",
            "widget": "select",
            "multiple": True,
            "required": False,
            "options": others,
            "hint": _hint("联合发文单位"),
        },
        *(
            {
                "label": key,
                "name": key,
                "widget": "string",
                "required": False,
                "hint": _hint(key),
            }
            for key in ("体裁", "解读对象", "转载来源")
        ),
        {
            "label": "关键词",
            "name": "关键词",
            "widget": "list",
            "required": False,
            "hint": _hint("关键词", "用逗号分隔"),
        },
        {
            "label": "概述",
            "name": "概述",
            "widget": "text",
            "required": False,
            "hint": _hint("概述"),
        },
        {
            "label": "附件",
            "name": "附件",
            "widget": "list",
            "required": False,
            "summary": "{{fields.名称}}（{{fields.文件}}）",
            "fields": [
                {
                    "label": "文件",
                    "name": "文件",
                    "widget": "file",
                    "hint": "上传的文件保存在文章旁边（同一目录）",
                },
                {
                    "label": "名称",
                    "name": "名称",
                    "widget": "string",
                    "required": False,
                    "hint": "页面上显示的附件标题（如正文所称《…》）；不填显示文件名",
                },
            ],
            "hint": _hint("附件"),
        },
        {
            "label": "正文",
            "name": "body",
            "widget": "markdown",
            # Raw first: what the editor types is what is saved (the rich-text mode
            # re-serialises the Markdown and may escape characters 三校 then flags).
            "modes": ["raw", "rich_text"],
            "hint": "正文用 Markdown 书写；层次序号按原文（一、（一）1.（1））",
        },
    ]
    return fields


def index_hint(credit_code: str | None) -> str:
    start = f"{credit_code}/年份-序号" if credit_code else "统一社会信用代码/年份-序号"
    return f"留空：提交后由 PR 检查按 govsite new 的规则分配（{start}）；已有索引号的文件照原样填写"


def collection(site: SiteConfig, unit: Unit, units: Mapping[str, Unit]) -> dict[str, Any]:
    return {
        "name": unit.id,
        "label": unit.name,
        "label_singular": "文章",
        "description": f"{unit.name}发布的文章（content/{unit.id}/）",
        "folder": f"content/{unit.id}",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        # ASCII file names like govsite new's (year directory, then the time of saving):
        # Decap's slug of a Chinese title would be Chinese or empty.
        "path": "{{year}}/{{slug}}",
        "slug": "{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}",
        "identifier_field": "标题",
        "summary": "{{标题}}（{{公开日期}}）",
        "sortable_fields": ["公开日期", "标题"],
        # Attachments beside the article, named as 附件 lists them (file name only).
        "media_folder": "",
        "public_folder": "",
        "fields": article_fields(site, unit, units, index_hint=index_hint(unit.credit_code)),
    }


def backend_config(backend: Backend) -> dict[str, Any]:
    """The ``backend`` section, and the publish mode it supports."""
    if backend.name not in BACKENDS:
        raise ValueError(backend.name)
    if backend.name == "local":
        # decap-server (tests, a platform's demo): Decap's own git-gateway-less proxy.
        return {"name": "proxy", "proxy_url": backend.local_url, "branch": backend.branch}
    out: dict[str, Any] = {"name": backend.name, "repo": backend.repo}
    if backend.name == "github":
        out["branch"] = backend.branch
        out["cms_label_prefix"] = "decap-cms/"
        for key in ("base_url", "api_root", "auth_endpoint"):
            if value := getattr(backend, key):
                out[key] = value
        return out
    out["branch"] = GITEA_BRANCH if backend.name == "gitea" else backend.branch
    if backend.name == "forgejo":
        out["cms_label_prefix"] = "decap-cms/"
    for key in ("base_url", "api_root", "app_id"):
        if value := getattr(backend, key):
            out[key] = value
    return out


def publish_mode(backend: Backend) -> str:
    return "simple" if backend.name == "gitea" else "editorial_workflow"


def decap_config(site: SiteConfig, units: Mapping[str, Unit], backend: Backend) -> dict[str, Any]:
    """The whole ``config.yml`` for Decap CMS (``load_config: false``: nothing else)."""
    collections = [
        collection(site, unit, units) for uid, unit in units.items() if uid not in NOT_EDITORIAL
    ]
    return {
        "locale": "zh_Hans",
        "backend": backend_config(backend),
        "publish_mode": publish_mode(backend),
        "site_url": site.url,
        "display_url": site.url,
        # Required by Decap; every collection overrides it (attachments beside the entry).
        "media_folder": "content",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def index_html(site_name: str, bundle: str, integrity: str) -> str:
    """The admin's page: the bundled script by relative path with its SRI hash, no CDN."""
    title = html.escape(f"{site_name} 网页编辑器")
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{html.escape(bundle)}" integrity="{integrity}" crossorigin="anonymous"></script>
</body>
</html>
"""
