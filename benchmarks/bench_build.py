"""Build benchmark: govsite against bare Pelican on the same synthetic Markdown.

    .venv/bin/python benchmarks/bench_build.py                 # N = 1,000 and 10,000
    .venv/bin/python benchmarks/bench_build.py --n 200         # a quick run
    .venv/bin/python benchmarks/bench_build.py --n 1000 --keep --workdir /tmp/bench

For each N, benchmarks/generate.py writes a govsite site (committed to a fresh git
repository, as in production: the build reads file dates from one `git log`) and its
bare-Pelican twin (same bodies, Pelican's own metadata, default theme, no plugin).
Both are built in this same run, each in a child process:

1. cold full build (govsite: validation, Pelican with the plugin, catalogue and the
   Pagefind search index; bare Pelican with its content cache enabled but empty);
   also govsite with --no-search, to show what the search index costs;
2. rebuild after editing one article (the same article in both trees; bare Pelican
   loads its content cache, as `pelican` does in a writer's edit loop). govsite is
   rebuilt REBUILDS times, each after editing another article (so other search
   shards), and the median is reported with the slowest; bare Pelican once.

Wall time and peak memory are per child: peak is the ru_maxrss that wait4() returns,
i.e. the largest single process of the child's tree (Pelican or Pagefind), not a sum.
govsite's build phases (validate, key, render, search, manifest, swap: see
govsite.release.build.PHASES) are read from the .govsite-cache/phases.json each build
leaves and printed for the cold build and the median rebuild, each as a fraction of
bare Pelican's time in the same run, so a regression shows where it is.
The goals of issue 17 at 100,000 articles are checked and printed with the figures,
and with two or more N the growth of the full build is set against the growth of N.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GENERATE = REPO / "benchmarks" / "generate.py"
# Pelican's content cache, so the bare rebuild is Pelican at its best (issue 2 §7).
PELICAN_CACHE = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
GOAL_RATIO = 0.5  # full build ≤ 0.5 × bare Pelican (issue 17, at 100,000)
GOAL_REBUILD_S = 5.0  # rebuild after one edit ≤ 5 s
GOAL_PEAK_MB = 600.0  # peak memory ≤ 600 MB
GOAL_GROWTH = 1.05  # 10× the articles: full build within 10.5× (1.05 × the growth of N)
PHASES = ("validate", "key", "render", "search", "manifest", "swap")
REBUILDS = 3
EDIT_AT = (0.5, 0.25, 0.75)  # which article each rebuild edits, along the sorted paths
EDIT = "\n\n（本文于基准测试中修改：补充一句说明。）\n"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "基准测试",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "基准测试",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    phases: tuple[tuple[str, float], ...] = ()  # govsite's own phases, from phases.json


@dataclass(frozen=True)
class Result:
    n: int
    govsite_cold: Run
    govsite_no_search: Run
    bare_cold: Run
    govsite_rebuild: Run  # the median of govsite_rebuilds
    bare_rebuild: Run
    govsite_rebuilds: tuple[Run, ...] = ()

    @property
    def ratio(self) -> float:
        return self.govsite_cold.seconds / self.bare_cold.seconds

    @property
    def rebuild_ratio(self) -> float:
        return self.govsite_rebuild.seconds / self.bare_rebuild.seconds


def measure(cmd: list[str], cwd: Path, log: Path, phases: Path | None = None) -> Run:
    """Run ``cmd`` as a child; wall time and the peak RSS of its process tree, and the
    phase timings it wrote into ``phases`` (govsite's .govsite-cache/phases.json)."""
    env = {**os.environ, **GIT_ENV}
    if phases is not None:
        phases.unlink(missing_ok=True)
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        # wait4 gives this child's rusage (max RSS over it and its waited-for descendants)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.stderr.write(
            f"错误：命令失败（退出码 {code}）：{' '.join(cmd)}\n{tail}\n完整日志：{log}\n"
        )
        raise SystemExit(1)
    found: tuple[tuple[str, float], ...] = ()
    if phases is not None:
        data = json.loads(phases.read_text(encoding="utf-8"))
        found = tuple((name, float(data.get(name, 0.0))) for name in PHASES)
    return Run(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, phases=found)


def generate(n: int, site: Path, bare: Path) -> None:
    subprocess.run(
        [sys.executable, str(GENERATE), str(n), str(site), "--pelican", str(bare), "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    env = {**os.environ, **GIT_ENV}
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "--no-gpg-sign", "-m", "synthetic site"],
    ):
        subprocess.run(["git", *args], cwd=site, check=True, env=env)


def edit_one_article(site: Path, bare: Path, where: float = 0.5) -> str:
    """Append a sentence to the same article (``where`` along the sorted paths) in both
    trees; 0.5 is the middle one."""
    articles = sorted(
        p.relative_to(site) for p in (site / "content").glob("*/*.md") if p.parent.name != "pages"
    )
    rel = articles[int(len(articles) * where)]
    for path in (site / rel, bare / rel):
        with path.open("a", encoding="utf-8") as f:
            f.write(EDIT)
    return rel.as_posix()


def bench(n: int, work: Path) -> Result:
    site, bare, logs = work / f"govsite-{n}", work / f"pelican-{n}", work / f"logs-{n}"
    logs.mkdir(parents=True, exist_ok=True)
    say(f"N = {n:,}：生成合成文章……")
    generate(n, site, bare)
    govsite = [str(BIN / "govsite"), "build", "--root", str(site)]
    pelican = [str(BIN / "pelican"), "-s", "pelicanconf.py", *PELICAN_CACHE]
    timings = site / ".govsite-cache" / "phases.json"

    say(f"N = {n:,}：govsite 全量构建……")
    g_cold = measure(govsite, site, logs / "govsite-cold.log", timings)
    say(f"N = {n:,}：govsite 全量构建，不建搜索索引（看 Pagefind 占多少）……")
    g_plain = measure(
        [*govsite, "--full", "--no-search", "-o", str(work / f"no-search-{n}")],
        site,
        logs / "govsite-no-search.log",
    )
    shutil.rmtree(work / f"no-search-{n}", ignore_errors=True)
    say(f"N = {n:,}：纯 Pelican 全量构建……")
    b_cold = measure(pelican, bare, logs / "pelican-cold.log")
    rel = edit_one_article(site, bare)
    say(f"N = {n:,}：修改 {rel} 后重新构建……")
    rebuilds = [measure(govsite, site, logs / "govsite-rebuild-1.log", timings)]
    b_re = measure(pelican, bare, logs / "pelican-rebuild.log")
    for i, where in enumerate(EDIT_AT[1:REBUILDS], start=2):
        rel = edit_one_article(site, bare, where=where)
        say(f"N = {n:,}：修改 {rel} 后重新构建（第 {i} 次）……")
        rebuilds.append(measure(govsite, site, logs / f"govsite-rebuild-{i}.log", timings))
    median = sorted(rebuilds, key=lambda r: r.seconds)[len(rebuilds) // 2]
    return Result(n, g_cold, g_plain, b_cold, median, b_re, tuple(rebuilds))


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def verdict(ok: bool) -> str:
    return "达标" if ok else "未达标"


def report(results: list[Result]) -> str:
    lines = [
        "| 篇数 | 构建 | govsite | 纯 Pelican | 倍数 | govsite 峰值内存 | 纯 Pelican 峰值内存 |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.n:,} | 全量 | {r.govsite_cold.seconds:.1f} s | "
            f"{r.bare_cold.seconds:.1f} s | {r.ratio:.2f}× | "
            f"{r.govsite_cold.peak_mb:.0f} MB | {r.bare_cold.peak_mb:.0f} MB |"
        )
        plain = r.govsite_no_search
        lines.append(
            f"| {r.n:,} | 全量，不建搜索索引 | {plain.seconds:.1f} s | "
            f"{r.bare_cold.seconds:.1f} s | {plain.seconds / r.bare_cold.seconds:.2f}× | "
            f"{plain.peak_mb:.0f} MB | |"
        )
        slowest = max((x.seconds for x in r.govsite_rebuilds), default=0.0)
        lines.append(
            f"| {r.n:,} | 改一篇后重建（{len(r.govsite_rebuilds)} 次的中位数，"
            f"最慢 {slowest:.1f} s） | {r.govsite_rebuild.seconds:.1f} s | "
            f"{r.bare_rebuild.seconds:.1f} s | {r.rebuild_ratio:.2f}× | "
            f"{r.govsite_rebuild.peak_mb:.0f} MB | {r.bare_rebuild.peak_mb:.0f} MB |"
        )
    lines += ["", phase_table(results)]
    for r in results:
        peak = max([r.govsite_cold.peak_mb, *(x.peak_mb for x in r.govsite_rebuilds)])
        lines.append("")
        lines.append(
            f"N = {r.n:,} 对照目标（第 17 号议题，目标针对 100,000 篇）："
            f"全量 {r.ratio:.2f}× ≤ {GOAL_RATIO}× {verdict(r.ratio <= GOAL_RATIO)}；"
            f"改一篇后重建 {r.govsite_rebuild.seconds:.1f} s ≤ {GOAL_REBUILD_S:.0f} s "
            f"{verdict(r.govsite_rebuild.seconds <= GOAL_REBUILD_S)}；"
            f"峰值内存 {peak:.0f} MB ≤ {GOAL_PEAK_MB:.0f} MB "
            f"{verdict(peak <= GOAL_PEAK_MB)}"
        )
    ordered = sorted(results, key=lambda r: r.n)
    for small, big in itertools.pairwise(ordered):
        grew = big.govsite_cold.seconds / small.govsite_cold.seconds
        allowed = GOAL_GROWTH * big.n / small.n
        lines.append(
            f"全量构建从 {small.n:,} 篇到 {big.n:,} 篇增长 {grew:.1f} 倍"
            f"（篇数 {big.n / small.n:.0f} 倍，目标 ≤ {allowed:.1f} 倍）{verdict(grew <= allowed)}"
        )
    return "\n".join(lines)


def phase_table(results: list[Result]) -> str:
    """govsite's phases of the cold build and the median rebuild, in seconds and as a
    fraction of bare Pelican's full build (cold) or rebuild in the same run."""
    lines = [
        "| 篇数 | 构建 | " + " | ".join(PHASES) + " |",
        "|---:|---|" + "---:|" * len(PHASES),
    ]
    for r in results:
        for label, run, bare in (
            ("全量", r.govsite_cold, r.bare_cold),
            ("改一篇后重建", r.govsite_rebuild, r.bare_rebuild),
        ):
            cells = [f"{s:.2f} s（{s / bare.seconds:.2f}×）" for _, s in run.phases]
            lines.append(f"| {r.n:,} | {label} | " + " | ".join(cells) + " |")
    return "各阶段用时（括号内为同一次运行中纯 Pelican 对应构建的倍数）\n\n" + "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
            if line.startswith("model name")
        ),
        "未知",
    )
    mem_kb = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    return (
        f"机器：{os.cpu_count()} 核 {cpu}，内存 {mem_kb / 1024 / 1024:.1f} GB，"
        f"Python {sys.version.split()[0]}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="govsite 与纯 Pelican 的构建基准测试")
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[1000, 10000],
        metavar="N",
        help="文章篇数，可给多个（默认 1000 10000；快速试跑用 --n 200）",
    )
    parser.add_argument("--workdir", type=Path, help="工作目录（默认临时目录，结束后删除）")
    parser.add_argument("--keep", action="store_true", help="保留生成的网站和构建日志")
    parser.add_argument("--json", type=Path, metavar="FILE", help="另将结果写成 JSON")
    args = parser.parse_args(argv)
    if any(n < 10 for n in args.n):
        parser.error("N 至少为 10（生成器需要每个栏目都有文章）。修改方法：例如 --n 200")

    work = args.workdir or Path(tempfile.mkdtemp(prefix="govsite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    try:
        for n in args.n:
            results.append(bench(n, work))
            sys.stdout.write(report(results[-1:]) + "\n\n")
            sys.stdout.flush()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"生成的网站和日志保留在 {work}")
    sys.stdout.write("汇总\n\n" + report(results) + "\n\n" + machine() + "\n")
    if args.json:
        data = [{**asdict(r), "ratio": r.ratio, "rebuild_ratio": r.rebuild_ratio} for r in results]
        args.json.write_text(
            json.dumps({"machine": machine(), "results": data}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
