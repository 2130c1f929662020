"""``govsite review evaluate`` (offline) and ``govsite review check`` (in CI)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from govsite.commands.options import root_option
from govsite.errors import EXIT_FINDINGS, EXIT_OK, ConfigError, Problem
from govsite.review import forges, gate, records, signing
from govsite.review.policy import Decision
from govsite.review.reviews import check_size, decode_json, from_json

FORMATS = click.Choice(["text", "json"])


@click.group()
def review() -> None:
    """三审审核门禁：合并须有一审、二审、三审三位不同审核人的批准。

    \b
    示例：
      govsite review evaluate --base main --head HEAD --author alice --reviews reviews.json
      govsite review check                      # 在 CI 的合并请求流水线中
      govsite review audit --rev origin/main    # 核对某一版本的审批记录
    """


@review.command()
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="git 仓库目录",
)
@click.option("--base", required=True, help="目标分支的提交（reviewers.yml 从这里读取）")
@click.option("--head", required=True, help="合并请求的最新提交")
@click.option("--author", required=True, help="合并请求作者的登录名（本人批准不计入）")
@click.option(
    "--reviews",
    "reviews_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="审核记录 JSON（GitHub“列出 PR 审核”接口的原样返回）",
)
@click.option(
    "--forge",
    type=click.Choice(sorted(forges.FORGES)),
    default="github",
    show_default=True,
    help="审核记录的格式",
)
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="text",
    show_default=True,
    help="输出格式：text 给人读，json 给程序读",
)
@click.option(
    "--pr", "number", type=click.IntRange(1), default=None, help="合并请求编号（写入审批记录）"
)
@click.option(
    "--record", is_flag=True, help="可以合并时写签名的审批记录（私钥取自 $GOVSITE_GATE_KEY）"
)
def evaluate(
    repo: Path,
    base: str,
    head: str,
    author: str,
    reviews_file: Path,
    forge: str,
    fmt: str,
    number: int | None,
    record: bool,
) -> None:
    """离线判断一个合并请求能否合并。退出码：0 可以合并，1 不能合并，2 输入或配置错误。

    \b
    示例：
      govsite review evaluate --base main --head HEAD --author alice --reviews reviews.json
      GOVSITE_GATE_KEY=/secure/gate-key govsite review evaluate … --pr 7 --record
    --record 写的记录与 CI 中 govsite review check 写的相同；没有私钥时退出码 2。
    """
    key = signing.key_from_env() if record else None  # no key: exit 2 before anything else
    from govsite.config import limits

    bound = limits.load(repo.resolve() / "hooks")
    try:
        size = reviews_file.stat().st_size
    except OSError as exc:
        raise ConfigError(
            Problem(
                f"无法读取审核记录（{exc.strerror or exc}）",
                path=str(reviews_file),
                fix="检查 --reviews 的路径",
            )
        ) from None
    # Measured before reading: a huge file must not be loaded to be refused.
    check_size(size, str(reviews_file), bound)
    data = decode_json(reviews_file.read_bytes(), str(reviews_file), bound)
    reviews = from_json(data, forges.FORGES[forge].review_shape, str(reviews_file))
    decision = gate.decide(repo, base, head, author, reviews)
    if key is not None and decision.mergeable:
        records.write(repo, decision, key, pr=number, author=author)
    click.echo(gate.render_json(decision) if fmt == "json" else gate.render_text(decision))
    if key is not None and decision.mergeable:
        click.echo(f"已写入签名的审批记录：{records.REF}（提交 {decision.head[:10]}）")
    raise SystemExit(EXIT_OK if decision.mergeable else EXIT_FINDINGS)


@review.command()
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="git 仓库目录（须已取到目标分支和合并请求的提交）",
)
@click.option(
    "--forge",
    type=click.Choice(sorted(forges.FORGES)),
    default=None,
    help="平台类型（默认：FORGEJO_ACTIONS / GITEA_ACTIONS 存在时为 forgejo / gitea，否则 github）",
)
@click.option("--api-url", default=None, help="接口地址（默认 GITHUB_API_URL）")
@click.option("--repository", default=None, help="owner/name（默认 GITHUB_REPOSITORY）")
@click.option("--pr", "number", type=int, default=None, help="合并请求编号（默认读事件文件）")
@click.option("--base", default=None, help="目标分支的提交（默认读事件文件）")
@click.option("--base-ref", default=None, help="目标分支名，用于状态名 review-gate: <分支>")
@click.option("--head", default=None, help="合并请求的最新提交（默认读事件文件）")
@click.option("--author", default=None, help="作者登录名（默认读事件文件）")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="接口超时（秒）")
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="text",
    show_default=True,
    help="输出格式：text 给人读，json 给程序读",
)
def check(
    repo: Path,
    forge: str | None,
    api_url: str | None,
    repository: str | None,
    number: int | None,
    base: str | None,
    base_ref: str | None,
    head: str | None,
    author: str | None,
    timeout: float,
    fmt: str,
) -> None:
    """在 CI 中检查：读取审核记录，设置提交状态 review-gate: <目标分支>，更新 PR 评论。

    三审齐全时先用 $GOVSITE_GATE_KEY 的私钥写签名的审批记录（git notes
    refs/notes/approvals），再把状态设为通过；没有私钥或签名失败都判为不通过。
    任何接口错误、超时或权限不足都判为不通过（退出码 2），不会放行。

    \b
    示例（GitHub Actions / Gitea Actions 中，合并请求号等取自事件文件）：
      GOVSITE_GATE_KEY=/secure/gate-key govsite review check
      govsite review check --forge gitea --api-url https://git.example.gov.cn/api/v1 \\
        --repository zfb/site --pr 7
    """
    event = _event()
    pr = event.get("pull_request") or {}
    number = number or pr.get("number") or event.get("number")
    base = base or (pr.get("base") or {}).get("sha")
    base_ref = base_ref or (pr.get("base") or {}).get("ref") or "main"
    head = head or (pr.get("head") or {}).get("sha")
    author = author or (pr.get("user") or {}).get("login")
    repository = repository or os.environ.get("GITHUB_REPOSITORY")
    kind = forge or forges.detect(os.environ)
    missing = [
        name
        for name, value in (
            ("--pr", number),
            ("--base", base),
            ("--head", head),
            ("--author", author),
            ("--repository", repository),
        )
        if not value
    ]
    if missing:
        raise ConfigError(
            Problem(
                f"缺少合并请求信息：{'、'.join(missing)}",
                fix="在 pull_request_target 事件中运行，或用这些参数指定",
            )
        )
    client = forges.from_env(kind, api_url, str(repository), os.environ, timeout)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    pr_number, who = int(str(number)), str(author)

    def record(decision: Decision) -> None:
        records.write(repo, decision, signing.key_from_env(), pr=pr_number, author=who)

    decision = gate.check(
        client,
        pr_number,
        repo,
        str(base),
        str(head),
        who,
        f"review-gate: {base_ref}",
        Path(summary) if summary else None,
        record=record,
    )
    click.echo(gate.render_json(decision) if fmt == "json" else gate.render_text(decision))
    raise SystemExit(EXIT_OK if decision.mergeable else EXIT_FINDINGS)


@review.command()
@root_option
@click.option("--rev", default="main", show_default=True, help="核对哪个分支、标签或提交")
def audit(root: Path, rev: str) -> None:
    """核对某一版本中每个内容文件和平台单位文件都有有效的（签名的）审批记录。

    \b
    列出没有有效审批记录的文件、带入它的提交及其作者和提交者；有这样的文件时退出码 1。
    门禁启用前入库的文件（govsite-baseline 标签或 site.yml“审核门禁启用日期”之前）不计。
    审批记录在 git notes refs/notes/approvals 中，先取回：
      git fetch origin refs/notes/approvals:refs/notes/approvals
    示例：
      govsite review audit --rev origin/main
    """
    from govsite.review import audit as auditing

    result = auditing.audit(root, rev)
    for problem in auditing.problems(result):
        click.echo(problem.render())
    covered = len(result.covered)
    click.echo(
        f"核对 {rev}（提交 {result.commit[:10]}）：{result.checked} 个文件，"
        f"{covered} 个有有效审批记录，{len(result.exempt)} 个在门禁启用前入库，"
        f"{len(result.uncovered)} 个没有有效审批记录"
    )
    if result.rejected:
        click.echo(f"另有 {len(result.rejected)} 条审批记录不计入（未签名、签名无效或格式错误）")
    raise SystemExit(EXIT_FINDINGS if result.uncovered else EXIT_OK)


def _event() -> dict[str, Any]:
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(Problem(f"无法读取 CI 事件文件（{exc}）", path=path)) from None
    return data if isinstance(data, dict) else {}
