"""Does this pull request change a file of the platform unit? Prints ``platform=true|false``.

The platform unit is the unit that owns reviewers.yml; its ``paths`` (govsite/, theme/,
hooks/, workflows, site.yml, pyproject.toml, Makefile ...) decide, matched by govsite's
own path matching, so the CI trigger and the review gate never disagree. Usage (in the
repository root, after a checkout with history):

    python .ci/platform_changed.py origin/main >> "$GITHUB_OUTPUT"

Any error exits non-zero: the test job then fails instead of being skipped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# govsite from the checkout this script is in: only pyyaml and pathspec need installing
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govsite.config.reviewers import load
from govsite.errors import GovsiteError


def main(base: str) -> int:
    done = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", "-z", f"{base}...HEAD"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(f"无法比较 {base} 与当前提交：{done.stderr.strip()}", file=sys.stderr)
        print("检出时用 fetch-depth: 0，并确认目标分支存在", file=sys.stderr)
        return 2
    diff = done.stdout
    try:
        policy = load(Path("reviewers.yml"))  # the repository is the working directory
    except GovsiteError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    platform = policy.owner_of("reviewers.yml")
    if platform is None:
        print("reviewers.yml 不属于任何单位：无法确定平台单位的路径", file=sys.stderr)
        return 2
    hits = [f for f in diff.split("\0") if f and policy.owner_of(f) == platform]
    for name in hits[:20]:
        print(f"平台单位的文件：{name}", file=sys.stderr)
    print(f"platform={'true' if hits else 'false'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("用法：python .ci/platform_changed.py <目标分支，如 origin/main>", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
