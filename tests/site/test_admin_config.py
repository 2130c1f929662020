"""The Decap CMS configuration generated from the schema (pure, by tables)."""

from __future__ import annotations

from typing import Any

import pytest

from govsite.library import load_config
from govsite.model.article import DISCLOSURE, IMPORTANCE, KEYS, VALIDITY
from govsite.site import admin
from tests.conftest import REPO_ROOT

SITE, POLICY = load_config(REPO_ROOT)


def config(**backend: str) -> dict[str, Any]:
    return admin.decap_config(SITE, POLICY.units, admin.Backend(**backend))


def fields(unit: str = "zfb") -> dict[str, dict[str, Any]]:
    coll = next(c for c in config(name="github", repo="o/r")["collections"] if c["name"] == unit)
    return {f["name"]: f for f in coll["fields"]}


@pytest.mark.parametrize(
    ("backend", "expected", "mode"),
    [
        (
            {"name": "github", "repo": "shixian/govsite"},
            {
                "name": "github",
                "repo": "shixian/govsite",
                "branch": "main",
                "cms_label_prefix": "decap-cms/",
            },
            "editorial_workflow",
        ),
        (
            {
                "name": "github",
                "repo": "zf/site",
                "branch": "master",
                "base_url": "https://oauth.shixian.gov.cn",
                "api_root": "https://git.shixian.gov.cn/api/v3",
                "auth_endpoint": "auth",
            },
            {
                "name": "github",
                "repo": "zf/site",
                "branch": "master",
                "cms_label_prefix": "decap-cms/",
                "base_url": "https://oauth.shixian.gov.cn",
                "api_root": "https://git.shixian.gov.cn/api/v3",
                "auth_endpoint": "auth",
            },
            "editorial_workflow",
        ),
        # Decap 3.16's Gitea backend has no editorial workflow: a drafts branch, never main.
        (
            {
                "name": "gitea",
                "repo": "zf/site",
                "base_url": "https://git.shixian.gov.cn",
                "api_root": "https://git.shixian.gov.cn/api/v1",
                "app_id": "abc",
            },
            {
                "name": "gitea",
                "repo": "zf/site",
                "branch": "cms/drafts",
                "base_url": "https://git.shixian.gov.cn",
                "api_root": "https://git.shixian.gov.cn/api/v1",
                "app_id": "abc",
            },
            "simple",
        ),
        (
            {"name": "forgejo", "repo": "zf/site", "api_root": "https://git.x.cn/api/v1"},
            {
                "name": "forgejo",
                "repo": "zf/site",
                "branch": "main",
                "cms_label_prefix": "decap-cms/",
                "api_root": "https://git.x.cn/api/v1",
            },
            "editorial_workflow",
        ),
        (
            {"name": "local", "local_url": "http://127.0.0.1:8081/api/v1"},
            {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"},
            "editorial_workflow",
        ),
    ],
)
def test_backends(backend: dict[str, str], expected: dict[str, str], mode: str) -> None:
    out = config(**backend)
    assert out["backend"] == expected
    assert out["publish_mode"] == mode
    assert out["backend"]["branch"] != "main" or mode == "editorial_workflow"


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError):
        config(name="bitbucket")


def test_collections_are_the_units_but_platform() -> None:
    out = config(name="github", repo="o/r")
    assert out["locale"] == "zh_Hans"
    assert [(c["name"], c["label"], c["folder"]) for c in out["collections"]] == [
        ("zfb", "示例县人民政府办公室", "content/zfb"),
        ("fgw", "示例县发展和改革委员会", "content/fgw"),
        ("czj", "示例县财政局", "content/czj"),
        ("jyj", "示例县教育局", "content/jyj"),
    ]
    for coll in out["collections"]:
        assert coll["format"] == "yaml-frontmatter"
        assert coll["extension"] == "md"
        assert (coll["media_folder"], coll["public_folder"]) == ("", "")  # beside the article


def test_field_names_are_front_matter_keys_in_govsite_new_order() -> None:
    names = list(fields())
    assert names[-1] == "body"
    assert all(n in KEYS for n in names[:-1])
    assert names[:6] == ["标题", "公开日期", "成文日期", "索引号", "发文机构", "栏目"]


@pytest.mark.parametrize(
    ("name", "widget", "options"),
    [
        ("有效性", "select", list(VALIDITY)),
        ("公开方式", "select", [DISCLOSURE[0]]),  # only 主动公开 may enter the repository
        ("重要程度", "select", list(IMPORTANCE)),
        ("信息分类", "select", list(SITE.topics)),
        ("公开日期", "datetime", None),
        ("成文日期", "datetime", None),
        ("废止日期", "datetime", None),
        ("附件", "list", None),
        ("body", "markdown", None),
    ],
)
def test_widgets(name: str, widget: str, options: list[str] | None) -> None:
    field = fields()[name]
    assert field["widget"] == widget
    if options is not None:
        assert field["options"] == options


@pytest.mark.parametrize(
    ("name", "format", "time"),
    [("公开日期", "YYYY-MM-DD HH:mm", "HH:mm"), ("成文日期", "YYYY-MM-DD", False)],
)
def test_dates_are_written_as_the_model_reads_them(name: str, format: str, time: Any) -> None:
    field = fields()[name]
    assert (field["format"], field["time_format"]) == (format, time)


def test_columns_and_units_are_selects_with_chinese_names() -> None:
    got = fields()
    columns = {o["value"]: o["label"] for o in got["栏目"]["options"]}
    assert set(columns) == set(SITE.columns)
    assert columns["qtwj"] == "政府信息公开 / 政策文件 / 其他文件"
    assert columns["tzgg"] == "通知公告"
    assert got["栏目"]["multiple"] is True
    others = {o["value"]: o["label"] for o in got["联合发文单位"]["options"]}
    assert "zfb" not in others  # not its own co-issuer
    assert others["fgw"] == "示例县发展和改革委员会"
    assert got["发文机构"]["default"] == "示例县人民政府办公室"
    assert fields("czj")["发文机构"]["default"] == "示例县财政局"


def test_attachments_are_file_fields_with_a_display_name() -> None:
    inner = {f["name"]: f["widget"] for f in fields()["附件"]["fields"]}
    assert inner == {"文件": "file", "名称": "string"}


def test_index_number_is_left_for_the_pr_check() -> None:
    field = fields()["索引号"]
    assert field["required"] is False
    assert "11152599MB0000011G/" in field["hint"]


def test_index_html_loads_only_the_local_bundle() -> None:
    page = admin.index_html("示例县<人民政府>", "decap-cms.js", "sha384-abc")
    assert '<script src="decap-cms.js" integrity="sha384-abc"' in page
    assert "示例县&lt;人民政府&gt; 网页编辑器" in page
    assert "http" not in page.replace("http-equiv", "")
    assert 'name="robots" content="noindex, nofollow"' in page
