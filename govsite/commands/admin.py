"""``govsite admin``: the Decap CMS web editor for 信息员 (build it; fill 索引号 after it).

``govsite admin build --out DIR`` writes ``DIR/index.html``, ``DIR/config.yml`` (from
site.yml and reviewers.yml, ``govsite.site.admin``) and Decap's bundle copied from
``node_modules/decap-cms/dist`` (the version package.json pins, each copy compared with
its source, the page loading it with a Subresource Integrity hash): no CDN. DIR is the
platform's intranet path, never the public site: a DIR inside output/, content/ or
theme/ is refused.

``govsite admin index FILE…`` gives an article saved in the editor without 索引号 the
unit's next free one, as ``govsite new`` allocates it: the PR check runs it on the PR
branch (docs/网页编辑器.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import datetime
from pathlib import Path

import click
import yaml

from govsite import atomic
from govsite.clock import BEIJING
from govsite.commands.new import require_credit_code, used_index_numbers
from govsite.commands.options import root_option
from govsite.errors import ConfigError, ContentError, Problem
from govsite.library import CONTENT, load_config
from govsite.model.frontmatter import split
from govsite.model.index_number import next_serial
from govsite.site import admin as admin_config

PACKAGE = "decap-cms"
# The platform's public build and the trees Pelican copies into it.
PUBLIC_TREES = ("output", CONTENT, "theme")
_CHUNK = re.compile(r"^(?:[0-9]+\.)?decap-cms\.js$")
_LICENSE = "decap-cms.js.LICENSE.txt"


def _write_atomic(path: Path, data: bytes) -> None:
    # Served by the intranet web server as it is: world-readable whatever the umask.
    atomic.write_bytes(path, data, mode=0o644)


def pinned_version(root: Path) -> str:
    """The decap-cms version package.json pins (devDependencies), exactly, and
    package-lock.json locks (npm checked the tarball's integrity hash against it)."""
    manifest = root / "package.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        version = str(data["devDependencies"][PACKAGE])
    except (OSError, ValueError, KeyError, TypeError):
        raise ConfigError(
            Problem(
                f"package.json 中没有固定 {PACKAGE} 的版本",
                path=str(manifest),
                key=f"devDependencies.{PACKAGE}",
                fix=f'在 devDependencies 中写 "{PACKAGE}": "3.16.3"，再运行 npm install',
            )
        ) from None
    if not re.match(r"^\d+\.\d+\.\d+$", version):
        raise ConfigError(
            Problem(
                f"{PACKAGE} 的版本“{version}”不是固定版本",
                path=str(manifest),
                key=f"devDependencies.{PACKAGE}",
                fix="写确切的版本号（如 3.16.3），不要写 ^ 或 ~ 范围",
            )
        )
    lock = root / "package-lock.json"
    try:
        locked = json.loads(lock.read_text(encoding="utf-8"))["packages"][f"node_modules/{PACKAGE}"]
    except (OSError, ValueError, KeyError, TypeError):
        locked = None
    if not isinstance(locked, dict) or locked.get("version") != version:
        raise ConfigError(
            Problem(
                f"package-lock.json 中的 {PACKAGE} 与 package.json 固定的版本 {version} 不一致",
                path=str(lock),
                key=f"packages.node_modules/{PACKAGE}",
                fix="运行 `npm install` 更新 package-lock.json，并把它提交到仓库",
            )
        )
    return version


def bundle_files(node_modules: Path, version: str) -> list[Path]:
    """The bundle and its chunks, from the installed package of exactly ``version``."""
    package = node_modules / PACKAGE
    hint = "在仓库根目录运行 `npm install`（或 `make node-deps`）"
    try:
        installed = json.loads((package / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ConfigError(
            Problem(f"找不到 {PACKAGE}（{package}）", path=str(package), fix=hint)
        ) from None
    if installed.get("version") != version:
        raise ConfigError(
            Problem(
                f"安装的 {PACKAGE} 版本是 {installed.get('version')}，"
                f"package.json 固定的是 {version}",
                path=str(package / "package.json"),
                fix=hint,
            )
        )
    dist = package / "dist"
    files = sorted(p for p in dist.iterdir() if _CHUNK.match(p.name)) if dist.is_dir() else []
    if not any(p.name == admin_config.BUNDLE for p in files):
        raise ConfigError(
            Problem(
                f"{PACKAGE} 的安装不完整：缺少 dist/{admin_config.BUNDLE}", path=str(dist), fix=hint
            )
        )
    if (dist / _LICENSE).is_file():
        files.append(dist / _LICENSE)
    return files


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def refuse_public(out: Path, root: Path) -> None:
    """The editor never goes where the public site is built from or to."""
    target = out.resolve()
    for tree in PUBLIC_TREES:
        public = (root / tree).resolve()
        if target == public or target.is_relative_to(public):
            raise ConfigError(
                Problem(
                    f"网页编辑器不能放在 {tree}/ 中（那里的文件会进入公开网站）",
                    key="--out",
                    fix="指定平台内网服务的目录，如 /srv/govsite-admin",
                )
            )


@click.group()
def admin() -> None:
    """网页编辑器（Decap CMS）：供信息员在浏览器中写文章，保存即提交审核（PR）。

    \b
    示例：
      govsite admin build --out /srv/govsite-admin --backend github --repo shixian/govsite
      govsite admin index content/zfb/2026/20261203-093000.md
    """


@admin.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="输出目录（平台内网路径，不能在 output/ 中）",
)
@click.option(
    "--backend",
    type=click.Choice(admin_config.BACKENDS),
    default="github",
    show_default=True,
    help="保存到哪里：github、gitea、forgejo，或 local（decap-server，仅测试和演示）",
)
@click.option("--repo", default="", help="代码托管平台上的仓库，如 shixian/govsite")
@click.option("--branch", default="main", show_default=True, help="受保护的主分支（PR 的目标）")
@click.option("--base-url", default="", help="OAuth 服务地址（GitHub）或 Gitea/Forgejo 地址")
@click.option("--api-root", default="", help="API 地址，如 https://git.example.cn/api/v1")
@click.option("--auth-endpoint", default="", help="OAuth 授权路径（GitHub，可选）")
@click.option("--app-id", default="", help="Gitea/Forgejo 的 OAuth2 应用 Client ID")
@click.option(
    "--local-url",
    default="http://127.0.0.1:8081/api/v1",
    show_default=True,
    help="decap-server 的 API 地址（--backend local）",
)
@root_option
@click.option(
    "--node-modules",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="npm 安装目录（默认为 仓库目录/node_modules）",
)
def build(
    out: Path,
    backend: str,
    repo: str,
    branch: str,
    base_url: str,
    api_root: str,
    auth_endpoint: str,
    app_id: str,
    local_url: str,
    root: Path,
    node_modules: Path | None,
) -> None:
    """生成网页编辑器：index.html、config.yml 和 Decap CMS 脚本（来自 node_modules，不用 CDN）。

    \b
    示例：
      govsite admin build --out /srv/govsite-admin --backend github --repo shixian/govsite
      govsite admin build --out /srv/govsite-admin --backend gitea --repo shixian/govsite \\
        --base-url https://git.shixian.gov.cn --api-root https://git.shixian.gov.cn/api/v1 \\
        --app-id 客户端ID
    """
    refuse_public(out, root)
    if backend != "local" and not re.match(r"^[\w.-]+/[\w.-]+$", repo):
        raise ConfigError(
            Problem(
                f"--backend {backend} 需要仓库名",
                key="--repo",
                fix="写成 --repo 组织/仓库，如 --repo shixian/govsite",
            )
        )
    if backend in ("gitea", "forgejo") and not api_root:
        raise ConfigError(
            Problem(
                f"--backend {backend} 需要 API 地址",
                key="--api-root",
                fix="写成 --api-root https://git.example.cn/api/v1",
            )
        )
    site, policy = load_config(root)
    config = admin_config.decap_config(
        site,
        policy.units,
        admin_config.Backend(
            name=backend,
            repo=repo,
            branch=branch,
            base_url=base_url,
            api_root=api_root,
            auth_endpoint=auth_endpoint,
            app_id=app_id,
            local_url=local_url,
        ),
    )
    # The package.json beside node_modules pins the version (the platform's checkout).
    modules = node_modules or root / "node_modules"
    files = bundle_files(modules, pinned_version(modules.resolve().parent))
    sums: dict[str, str] = {}
    for source in files:
        data = source.read_bytes()
        target = out / source.name
        _write_atomic(target, data)
        digest = hashlib.sha256(data).hexdigest()
        # Read back: a copy that differs from the installed package is never served.
        if hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            raise ConfigError(
                Problem(f"复制的 {source.name} 与安装的不一致", path=str(target), fix="重新运行")
            )
        sums[source.name] = digest
    bundle = (out / admin_config.BUNDLE).read_bytes()
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    _write_atomic(out / "config.yml", text.encode("utf-8"))
    page = admin_config.index_html(site.name, admin_config.BUNDLE, sri(bundle))
    _write_atomic(out / "index.html", page.encode("utf-8"))
    listing = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
    _write_atomic(out / "SHA256SUMS", listing.encode("utf-8"))
    saving = (
        "提交审核（PR）"
        if config["publish_mode"] == "editorial_workflow"
        else f"提交到草稿分支 {config['backend']['branch']}，由平台开 PR"
    )
    click.echo(
        f"已生成网页编辑器到 {out}（{len(config['collections'])} 个单位，保存方式：{saving}）。"
        "请只在内网提供该目录。"
    )


_INDEX_KEY = re.compile(r"^索引号:[ \t]*(?P<value>.*)$", re.MULTILINE)
_AFTER = ("成文日期", "公开日期", "标题")


def with_index(text: str, index_no: str) -> str:
    """``text`` with 索引号 set: its blank line replaced, or a line after 成文日期."""
    fm_end = text.index("\n---", 3)
    head, rest = text[:fm_end], text[fm_end:]
    m = _INDEX_KEY.search(head)
    if m:
        return head[: m.start()] + f"索引号: {index_no}" + head[m.end() :] + rest
    lines = head.split("\n")
    at = len(lines)
    for key in _AFTER:
        found = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
        if found:
            at = found[0] + 1
            break
    lines.insert(at, f"索引号: {index_no}")
    return "\n".join(lines) + rest


@admin.command("index")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    help="网页编辑器保存的文章（content/ 下的 .md 文件，可以多个）",
)
@root_option
def index(files: tuple[Path, ...], root: Path) -> None:
    """为网页编辑器保存的、没有索引号的文章分配索引号（与 govsite new 相同的规则）。

    已有索引号的文章不变。PR 检查在 cms/ 分支上运行它并提交结果。

    \b
    示例：
      govsite admin index content/zfb/2026/20261203-093000.md
    """
    site, policy = load_config(root)
    now = datetime.now(BEIJING).replace(tzinfo=None)
    content = (root / CONTENT).resolve()
    for path in files:
        resolved = path.resolve()
        if not resolved.is_relative_to(content) or resolved.suffix != ".md":
            raise ConfigError(
                Problem(
                    "不是 content/ 下的文章",
                    path=str(path),
                    fix="给出 content/单位/… 下的 .md 文件",
                )
            )
        unit_id = resolved.relative_to(content).parts[0]
        unit = policy.units.get(unit_id)
        if unit is None:
            raise ConfigError(
                Problem(
                    f"单位“{unit_id}”不在 reviewers.yml 中",
                    path=str(path),
                    fix="文章应放在 content/ 下 reviewers.yml 中某个单位的目录",
                )
            )
        text = resolved.read_text(encoding="utf-8")
        fm = split(text, str(path))  # unreadable front matter: ContentError, exit 1
        current = fm.data.get("索引号")
        if isinstance(current, str) and current.strip():
            click.echo(f"{path}：已有索引号 {current.strip()}，不变")
            continue
        if current is not None and not isinstance(current, str):
            raise ContentError(
                Problem(
                    "索引号应是一段文字",
                    path=str(path),
                    line=fm.line_of("索引号"),
                    key="索引号",
                    fix="删除这一行，再运行本命令",
                )
            )
        credit = require_credit_code(unit_id, unit)
        serial = next_serial(used_index_numbers(root, unit_id, site.index_rule), credit, now.year)
        try:
            number = site.index_rule.format(credit, now.year, serial)
        except ValueError:
            raise ConfigError(
                Problem(
                    "本站的索引号格式是自定义的，无法自动分配",
                    path="site.yml",
                    key="索引号.格式",
                    fix="在网页编辑器中手工填写索引号",
                )
            ) from None
        updated = with_index(text, number)
        split(updated, str(path))  # what is written must still parse
        _write_atomic(resolved, updated.encode("utf-8"))
        click.echo(f"{path}：分配索引号 {number}")
