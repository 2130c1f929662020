"""Benchmark ``govsite check``: the 10,000-article corpus, a 10-file pre-commit run and a
20,000-row workbook, each against ``grep -c`` over the same files as the floor; OCR of a
20-page scanned PDF; ``check --all`` over the corpus with 500 attachments, cold and warm.

    .venv/bin/python benchmarks/bench_check.py [--articles 10000] [--rows 20000]
        [--attachments 500] [--scan-pages 20]

Goals (issues 3 and 12): the whole corpus under 5 s; a typical pre-commit run (10 files)
under 1 s including start-up; ``check --all`` warm (nothing changed) under 3 s. Every
figure is a wall-clock time of the real command (``govsite`` as a subprocess, start-up
included), best of ``--repeat`` runs; peak memory is the largest process's ru_maxrss.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
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
            sys.exit(
                f"{' '.join(cmd)} 失败（退出码 {done.returncode}）：\n"
                f"{done.stdout.decode()[-2000:]}{done.stderr.decode()[-2000:]}"
            )
    return min(times)


def corpus(n: int, target: Path) -> None:
    generator = REPO / "benchmarks" / "generate.py"
    if generator.exists():
        subprocess.run(
            [sys.executable, str(generator), str(n), str(target)], check=True, capture_output=True
        )
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
        dst.write_text(
            "\n".join(x for x in text.splitlines() if not x.startswith("索引号:")), encoding="utf-8"
        )


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
        ws.append(
            [i, "张*", masked, f"巴彦镇红旗嘎查{i % 9 + 1}组", 1200 + i % 300, "0479-5212345"]
        )
    wb.save(path)


def timed(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> tuple[float, int, str]:
    """Wall-clock seconds, peak RSS (bytes, the largest process of the tree) and stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in ok:
        sys.exit(f"{' '.join(cmd)} 失败：{err[-2000:]}")
    return seconds, usage.ru_maxrss * 1024, err


def scanned_pdf(pages: int, path: Path) -> None:
    """A scanned 公示: each page one picture of a 200 dpi A4 scan, noise and rotation."""
    from tests.checks.attachment_files import NOTICE, pdf_of_images, scan

    rng = random.Random(12)
    images = [
        scan([*NOTICE, f"第{i + 1}页", *NOTICE[1:3]], dpi=200, angle=rng.uniform(-2, 2), seed=i)
        for i in range(pages)
    ]
    path.write_bytes(pdf_of_images(images))


def attachments(n: int, site: Path) -> dict[str, int]:
    """``n`` attachments beside the articles, in the mix a county site has: workbooks,
    Word files, text PDFs, CSV, a few scans (OCR) and legacy .doc (LibreOffice)."""
    from fpdf import FPDF
    from openpyxl import Workbook

    from tests.checks.attachment_files import CJK_FONT, NOTICE, image_bytes, scan
    from tests.checks.test_attachments import _docx

    units = sorted(p for p in (site / "content").iterdir() if p.is_dir() and p.name != "pages")
    kinds = ["xlsx"] * 40 + ["docx"] * 30 + ["pdf"] * 20 + ["csv"] * 6 + ["png"] * 2 + ["doc"] * 2
    counts: dict[str, int] = {}
    doc_bytes = b""
    for i in range(n):
        kind = kinds[i % len(kinds)]
        counts[kind] = counts.get(kind, 0) + 1
        path = units[i % len(units)] / f"fujian-{i:04d}.{kind}"
        if kind == "xlsx":
            wb = Workbook()
            ws = wb.active
            ws.append(["序号", "项目", "金额（元）", "联系电话"])
            for r in range(1, 41):
                ws.append([r, f"项目{i}-{r}", 1000 + r, "0479-5212345"])
            wb.save(path)
        elif kind == "docx":
            path.write_bytes(_docx(lambda d: [d.add_paragraph(line) for line in NOTICE]))
        elif kind == "pdf":
            pdf = FPDF()
            pdf.add_font("wqy", fname=str(CJK_FONT))
            pdf.set_font("wqy", size=12)
            pdf.add_page()
            for line in NOTICE:
                pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
            path.write_bytes(bytes(pdf.output()))
        elif kind == "csv":
            path.write_text(
                "序号,项目,金额\n" + "".join(f"{r},项目{r},{r * 100}\n" for r in range(200)),
                encoding="utf-8",
            )
        elif kind == "png":
            path.write_bytes(image_bytes(scan(NOTICE, dpi=150, seed=i), "PNG"))
        else:
            if not doc_bytes:
                from tests.checks.attachment_files import fodt, soffice_batch

                with tempfile.TemporaryDirectory() as tmp:
                    clean = fodt().replace("张三", "张*")
                    doc_bytes = soffice_batch({"n.fodt": clean}, "doc", Path(tmp))["n"]
            path.write_bytes(doc_bytes)
    return counts


def mb(files: list[Path]) -> float:
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--attachments", type=int, default=500)
    parser.add_argument("--scan-pages", type=int, default=20)
    args = parser.parse_args()
    print(
        f"机器：{platform.processor() or platform.machine()}，{os.cpu_count()} 核，"
        f"Python {platform.python_version()}；负载 {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        corpus(args.articles, site)
        md = sorted(site.glob("content/**/*.md"))
        size = mb(md)
        print(f"语料：{len(md)} 篇文章，{size:.1f} MB；CPU {os.cpu_count()} 核")

        floor = best(["grep", "-rc", "身份证", "content/"], site, args.repeat)
        full = best([str(GOVSITE), "check", "content/"], site, args.repeat)
        print(
            f"全站 govsite check：{full:.2f} s，{len(md) / full:,.0f} 文件/s，"
            f"{size / full:.2f} MB/s（目标 < 5 s）"
        )
        print(f"  下限 grep -rc：{floor:.3f} s，govsite 是其 {full / floor:,.0f} 倍")

        ten = [p.relative_to(site).as_posix() for p in md[:: max(1, len(md) // 10)][:10]]
        floor10 = best(["grep", "-c", "身份证", *ten], site, args.repeat)
        hook = best([str(GOVSITE), "check", *ten], site, args.repeat)
        print(
            f"pre-commit 式运行（10 个文件，含启动）：{hook:.2f} s（目标 < 1 s）；"
            f"grep -c {floor10:.3f} s"
        )

        book = site / "content" / "zfb" / "补贴发放名单.xlsx"
        workbook(args.rows, book)
        size_x = book.stat().st_size / 1e6
        floor_x = best(["grep", "-c", "PK", str(book)], site, args.repeat)
        xlsx = best([str(GOVSITE), "check", str(book)], site, args.repeat)
        print(
            f"{args.rows:,} 行工作簿（{size_x:.2f} MB）：{xlsx:.2f} s，"
            f"{args.rows / xlsx:,.0f} 行/s，{size_x / xlsx:.2f} MB/s；"
            f"grep -c {floor_x:.3f} s，govsite 是其 {xlsx / floor_x:,.0f} 倍"
        )
        book.unlink()

        if args.scan_pages:
            scan_pdf = Path(tmp) / "扫描公示.pdf"
            scanned_pdf(args.scan_pages, scan_pdf)
            seconds, peak, _ = timed([str(GOVSITE), "check", str(scan_pdf)], site)
            print(
                f"{args.scan_pages} 页扫描 PDF 图像识别：{seconds:.1f} s，"
                f"{seconds / args.scan_pages:.2f} s/页（含启动和模型加载），"
                f"峰值内存 {peak / 2**20:.0f} MB"
            )

        if args.attachments:
            counts = attachments(args.attachments, site)
            mix = "、".join(f"{k} {v}" for k, v in sorted(counts.items()))
            cold, peak, err = timed([str(GOVSITE), "check", "--all"], site)
            print(
                f"check --all 冷（无缓存，{len(md)} 篇 + {args.attachments} 个附件：{mix}）："
                f"{cold:.1f} s，峰值内存 {peak / 2**20:.0f} MB；{err.strip()}"
            )
            warm = min(timed([str(GOVSITE), "check", "--all"], site)[0] for _ in range(args.repeat))
            print(f"check --all 热（未改动）：{warm:.2f} s（目标 ≤ 3 s）")
            edited = md[len(md) // 2]
            edited.write_text(
                edited.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8"
            )
            one, _, err = timed([str(GOVSITE), "check", "--all"], site)
            print(f"check --all 改一篇后：{one:.2f} s；{err.strip()}")


if __name__ == "__main__":
    main()
