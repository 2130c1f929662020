"""Compare OCR engines on what 保密审查 must read in a picture: ID numbers, mobiles and bank
card numbers, rendered with a CJK font at 150-300 dpi, rotated a few degrees, with
scanner noise, saved as PNG and JPEG.

    .venv/bin/python benchmarks/compare_ocr.py [--per-dpi 6] [--seed 2026]

Engines: RapidOCR (PyPI rapidocr_onnxruntime, govsite's engine, run through govsite's own
adapter) and Tesseract 5 with chi_sim (Debian: apt-get install tesseract-ocr
tesseract-ocr-chi-sim; skipped with a note when absent). For each planted number the
score counts (a) its digits read exactly and (b) govsite's rule finding it in the
engine's text, which is what matters; seconds per image are wall-clock.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from govsite.checks.base import value_hash  # noqa: E402
from govsite.checks.idnumbers import check_character, luhn_ok  # noqa: E402
from govsite.checks.runner import scan_text  # noqa: E402
from tests.checks.attachment_files import scan  # noqa: E402

RULE = {"id": "pii.id-card", "mobile": "pii.mobile", "card": "pii.bank-card"}
NAMES = "张王李赵刘陈杨黄周吴"
# Allocated mobile prefixes (the rule knows which exist; a made-up 141… is not a mobile).
MOBILE_PREFIXES = (
    "133",
    "135",
    "137",
    "138",
    "139",
    "150",
    "151",
    "153",
    "158",
    "177",
    "180",
    "186",
    "187",
    "188",
    "189",
    "199",
)


def planted(rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, value, line) for one page: two of each kind."""
    out = []
    for _ in range(2):
        first17 = (
            f"1525{rng.randint(10, 99)}{rng.randint(1950, 2005)}"
            f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        )
        pid = first17 + check_character(first17)
        out.append(("id", pid, f"{rng.choice(NAMES)}某某 身份证号 {pid}"))
        mobile = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99999999):08d}"
        out.append(("mobile", mobile, f"联系人 {rng.choice(NAMES)}先生 手机 {mobile}"))
        prefix = f"6222{rng.randint(0, 10**14 - 1):014d}"
        card = next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))
        out.append(("card", card, f"代发银行卡号 {card}"))
    rng.shuffle(out)
    return out


def rapidocr(image: object) -> str:
    from govsite.checks.attachments import ocr

    return "\n".join(ocr.recognise(image))


def tesseract(image: object) -> str:
    with tempfile.NamedTemporaryFile(suffix=".png") as fh:
        image.save(fh.name)  # type: ignore[attr-defined]
        done = subprocess.run(
            ["tesseract", fh.name, "stdout", "-l", "chi_sim"], capture_output=True, check=False
        )
    return done.stdout.decode("utf-8", "replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-dpi", type=int, default=6, help="pages per resolution")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    from PIL import Image

    engines = {"RapidOCR": rapidocr}
    if shutil.which("tesseract"):
        engines["Tesseract chi_sim"] = tesseract
    else:
        print(
            "没有找到 tesseract（apt-get install tesseract-ocr tesseract-ocr-chi-sim），"
            "只测 RapidOCR"
        )
    rng = random.Random(args.seed)
    pages = []
    for dpi in (150, 200, 300):
        for i in range(args.per_dpi):
            numbers = planted(rng)
            img = scan(
                [line for _, _, line in numbers],
                dpi=dpi,
                angle=rng.uniform(-3, 3),
                seed=rng.randint(0, 10**6),
            )
            if i % 2:  # every other page as a JPEG from a phone or a cheap scanner
                buf = io.BytesIO()
                img.save(buf, format="JPEG", quality=70)  # type: ignore[attr-defined]
                img = Image.open(io.BytesIO(buf.getvalue()))
            pages.append((dpi, img, numbers))
    rapidocr(pages[0][1])  # load the model outside the timing
    print(
        f"{len(pages)} 页（150/200/300 dpi 各 {args.per_dpi} 页，旋转 ±3°，噪点，"
        f"半数 JPEG q70），每页身份证号、手机号、银行卡号各 2 个"
    )
    print(
        "| 引擎 | dpi | 数字完全正确（身份证，手机，银行卡） "
        "| govsite 规则查出（身份证，手机，银行卡） | 秒/页 |"
    )
    print("|---|---:|---|---|---:|")
    for name, engine in engines.items():
        for dpi in (150, 200, 300):
            exact: dict[str, int] = defaultdict(int)
            caught: dict[str, int] = defaultdict(int)
            total: dict[str, int] = defaultdict(int)
            seconds = 0.0
            subset = [p for p in pages if p[0] == dpi]
            for _, img, numbers in subset:
                start = time.perf_counter()
                text = engine(img)
                seconds += time.perf_counter() - start
                flat = "".join(text.split())
                values = {f.fingerprint for f in scan_text(text, "ocr.txt")}

                for kind, value, _ in numbers:
                    total[kind] += 1
                    exact[kind] += value in flat
                    caught[kind] += value_hash(RULE[kind], value) in values
            e = "，".join(f"{exact[k]}/{total[k]}" for k in RULE)
            c = "，".join(f"{caught[k]}/{total[k]}" for k in RULE)
            print(f"| {name} | {dpi} | {e} | {c} | {seconds / len(subset):.2f} |")


if __name__ == "__main__":
    main()
