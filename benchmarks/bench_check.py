"""Benchmark ``govsite check``: the 10,000-article corpus, a 10-file pre-commit run and a
20,000-row workbook, each against ``grep -c`` over the same files as the floor.

    .venv/bin/python benchmarks/bench_check.py [--articles 10000] [--rows 20000]

Goals (issue 3): the whole corpus under 5 s; a typical pre-commit run (10 files) under
1 s including start-up. Every figure is a wall-clock time of the real command
(``govsite`` as a subprocess, start-up included), best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOVSITE = Path(sys.executable).parent / "govsite"
sys.path.insert(0, str(REPO))


def best(cmd: list[str], cwd: Path, repeat: int, ok: tuple[int, ...] = (0, 1)) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in ok:
            sys.exit(f"{' '.join(cmd)} 失败（退出码 {done.returncode}）：\n"
                     f"{done.stdout.decode()[-2000:]}{done.stderr.decode()[-2000:]}")
    return min(times)


def corpus(n: int, target: Path) -> None:
    generator = REPO / "benchmarks" / "generate.py"
    if generator.exists():
        subprocess.run([sys.executable, str(generator), str(n), str(target)], check=True,
                       capture_output=True)
        return
    # Fallback when the site generator is missing: copy the sample site's articles.
    for name in ("site.yml", "reviewers.yml", "hooks"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / name)
    articles = sorted((REPO / "content").glob("*/*.md"))
    for i in range(n):
        src = articles[i % len(articles)]
        dst = target / "content" / src.parent.name / f"{i:05d}-{src.name}"
        dst.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text(encoding="utf-8")
        dst.write_text("\n".join(x for x in text.splitlines() if not x.startswith("索引号:")),
                       encoding="utf-8")


def workbook(rows: int, path: Path) -> None:
    from openpyxl import Workbook

    from govsite.checks.idnumbers import check_character

    wb = Workbook()
    ws = wb.active
    ws.title = "补贴发放名单"
    ws.append(["序号", "姓名", "身份证号（已脱敏）", "所在嘎查村", "补贴金额（元）", "联系电话"])
    for i in range(1, rows + 1):
        first17 = f"152522{1950 + i % 50}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        masked = first17[:6] + "********" + first17[14:] + check_character(first17)
        ws.append([i, "张*", masked, f"巴彦镇红旗嘎查{i % 9 + 1}组", 1200 + i % 300,
                   "0479-5212345"])
    wb.save(path)


def mb(files: list[Path]) -> float:
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        corpus(args.articles, site)
        md = sorted(site.glob("content/**/*.md"))
        size = mb(md)
        print(f"语料：{len(md)} 篇文章，{size:.1f} MB；CPU {os.cpu_count()} 核")

        floor = best(["grep", "-rc", "身份证", "content/"], site, args.repeat)
        full = best([str(GOVSITE), "check", "content/"], site, args.repeat)
        print(f"全站 govsite check：{full:.2f} s，{len(md) / full:,.0f} 文件/s，"
              f"{size / full:.2f} MB/s（目标 < 5 s）")
        print(f"  下限 grep -rc：{floor:.3f} s，govsite 是其 {full / floor:,.0f} 倍")

        ten = [p.relative_to(site).as_posix() for p in md[:: max(1, len(md) // 10)][:10]]
        floor10 = best(["grep", "-c", "身份证", *ten], site, args.repeat)
        hook = best([str(GOVSITE), "check", *ten], site, args.repeat)
        print(f"pre-commit 式运行（10 个文件，含启动）：{hook:.2f} s（目标 < 1 s）；"
              f"grep -c {floor10:.3f} s")

        book = site / "content" / "zfb" / "补贴发放名单.xlsx"
        workbook(args.rows, book)
        size_x = book.stat().st_size / 1e6
        floor_x = best(["grep", "-c", "PK", str(book)], site, args.repeat)
        xlsx = best([str(GOVSITE), "check", str(book)], site, args.repeat)
        print(f"{args.rows:,} 行工作簿（{size_x:.2f} MB）：{xlsx:.2f} s，"
              f"{args.rows / xlsx:,.0f} 行/s，{size_x / xlsx:.2f} MB/s；"
              f"grep -c {floor_x:.3f} s，govsite 是其 {xlsx / floor_x:,.0f} 倍")


if __name__ == "__main__":
    main()
