"""``govsite build --shard I/N`` on N real processes, merged, equals one build byte for byte."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import cbor2
import git
import pytest

from govsite.errors import ConfigError
from govsite.release import shard
from govsite.release.shard import Partial, Spec
from govsite.site import pagefind_canon
from tests.conftest import write_tree
from tests.site.conftest import news

pytestmark = pytest.mark.slow

# The small site has 29 articles; ten per search shard gives three search shards, so
# that four build shards really divide the articles. A real process of the real CLI,
# with only the search shard size made small (the one thing a test site cannot reach).
CLI = (
    "import sys, govsite.site.search_index as s; s.SHARD_SIZE = 10; "
    "from govsite.commands.cli import main; sys.argv[0] = 'govsite'; main()"
)
EPOCH = "1785375000"  # one build day for every process (2026-07-30 in Beijing)


def govsite(*args: str | Path, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *map(str, args)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def run(*args: str | Path, cwd: Path) -> tuple[int, str]:
    proc = govsite(*args, cwd=cwd)
    out, _ = proc.communicate()
    return proc.returncode, out


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def sharded(site: Path, count: int, work: Path) -> list[Path]:
    """Run the N shards as N processes at once; their folders."""
    dirs = [work / f"shard-{i}" for i in range(1, count + 1)]
    procs = [
        govsite("build", "--root", site, "--shard", f"{i}/{count}", "--out", d, cwd=work)
        for i, d in enumerate(dirs, 1)
    ]
    for proc in procs:
        out, _ = proc.communicate()
        assert proc.returncode == 0, out
    return dirs


def build_alone(site: Path, work: Path) -> dict[str, bytes]:
    code, out = run("build", "--root", site, "-o", work / "single", cwd=work)
    assert code == 0, out
    return files(work / "single")


def without_time(manifest: bytes) -> dict[str, object]:
    data = json.loads(manifest)
    del data["generated"]  # the moment manifest.write ran: the one field no two builds share
    return dict(data)


def test_merged_shards_equal_one_build(small_site: Path, tmp_path: Path) -> None:
    single = build_alone(small_site, tmp_path)
    for count in (1, 2, 4):  # one site and one single build for the three (wall time)
        work = tmp_path / f"n{count}"
        work.mkdir()
        merged_equals_single(small_site, work, single, count)


def merged_equals_single(
    small_site: Path, tmp_path: Path, single: dict[str, bytes], count: int
) -> None:
    dirs = sharded(small_site, count, tmp_path)
    partials = [json.loads((d / shard.PARTIAL).read_text("utf-8")) for d in dirs]
    assert [p["shard"] for p in partials] == list(range(1, count + 1))
    assert {p["count"] for p in partials} == {count}
    head = git.Repo(small_site).head.commit.hexsha
    assert {p["commit"] for p in partials} == {head}
    assert len({p["configuration"] for p in partials}) == 1
    # Each file is made by exactly one shard; pages every shard needs only by shard 1.
    owners: dict[str, int] = {}
    for p in partials:
        for rel in p["files"]:
            assert rel not in owners, (rel, owners.get(rel), p["shard"])
            owners[rel] = p["shard"]
    for shared in ("index.html", "sitemap.xml", "search.html", "xxgk/index.html"):
        assert owners[shared] == 1
    if count == 4:  # three search shards over shards 2-4: shard 1 has the shared pages
        assert sorted({n for rel, n in owners.items() if rel.startswith("pagefind/")}) == [2, 3, 4]

    code, out = run("build", "--merge", *dirs, "-o", tmp_path / "merged", cwd=tmp_path)
    assert code == 0, out
    merged = files(tmp_path / "merged")
    assert sorted(merged) == sorted(single)
    assert [rel for rel in single if rel != "manifest.json" and merged[rel] != single[rel]] == []
    assert without_time(merged["manifest.json"]) == without_time(single["manifest.json"])
    assert len([rel for rel in merged if rel.endswith("pagefind-entry.json")]) == 3


def test_the_real_command_shards_and_merges(small_site: Path, tmp_path: Path) -> None:
    """The installed ``govsite`` script, unpatched: two shards, one search shard."""
    exe = Path(sys.executable).with_name("govsite")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    for i in (1, 2):
        subprocess.run(
            [exe, "build", "--root", small_site, "--shard", f"{i}/2", "--out", tmp_path / f"s{i}"],
            check=True,
            env=env,
            capture_output=True,
        )
    done = subprocess.run(
        [exe, "build", "--merge", tmp_path / "s1", tmp_path / "s2", "-o", tmp_path / "site"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "合并完成：2 个分片" in done.stdout
    manifest = json.loads((tmp_path / "site" / "manifest.json").read_text("utf-8"))
    assert set(manifest["files"]) == set(files(tmp_path / "site")) - {"manifest.json"}


def test_a_failed_merge_leaves_the_site_as_it_was(small_site: Path, tmp_path: Path) -> None:
    dirs = sharded(small_site, 2, tmp_path)
    target = tmp_path / "online"
    code, out = run("build", "--merge", *dirs, "-o", target, cwd=tmp_path)
    assert code == 0, out
    before = files(target)

    # A shard missing, one given twice, a shard from another commit, a damaged artifact.
    code, out = run("build", "--merge", dirs[0], "-o", target, cwd=tmp_path)
    assert code == 2 and "缺少分片 2/2" in out, out
    code, out = run("build", "--merge", dirs[0], dirs[0], dirs[1], "-o", target, cwd=tmp_path)
    assert code == 2 and "出现了两次" in out and str(dirs[0]) in out, out

    write_tree(small_site, {"content/zfb/news-26.md": news("第26次常务会议", "2025-07-26 09:00")})
    repo = git.Repo(small_site)
    repo.git.add("-A")
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    repo.git.commit("-m", "one more", env={**who, "GIT_COMMITTER_EMAIL": "t@e"})
    later = tmp_path / "later"
    later.mkdir()
    newer = sharded(small_site, 2, later)
    code, out = run("build", "--merge", dirs[0], newer[1], "-o", target, cwd=tmp_path)
    assert code == 2 and "提交" in out and str(newer[1]) in out, out

    listed = sorted(json.loads((dirs[1] / shard.PARTIAL).read_text())["files"])
    altered = dirs[1] / listed[1]
    altered.unlink()  # a new inode: the site online keeps its link of the old one
    altered.write_text("<p>广告</p>", encoding="utf-8")
    code, out = run("build", "--merge", *dirs, "-o", target, cwd=tmp_path)
    assert code == 2 and "SHA-256 不同" in out and listed[1] in out, out
    page = listed[0]
    (dirs[1] / page).unlink()
    code, out = run("build", "--merge", *dirs, "-o", target, cwd=tmp_path)
    assert code == 2 and "缺少部分清单中列出的文件" in out and page in out, out
    assert files(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")) == []


def test_a_share_of_uncommitted_content_is_refused(small_site: Path, tmp_path: Path) -> None:
    write_tree(small_site, {"content/zfb/news-27.md": news("未提交的稿件", "2025-07-27 09:00")})
    code, out = run(
        "build", "--root", small_site, "--shard", "1/2", "--out", tmp_path / "s", cwd=tmp_path
    )
    assert code == 2 and "未提交的改动" in out and "news-27.md" in out, out
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(
    "args", [["--shard", "3/2", "--out", "x"], ["--shard", "0/2", "--out", "x"], ["--shard", "a"]]
)
def test_bad_shard_options_are_usage_errors(small_site: Path, args: list[str]) -> None:
    code, out = run("build", "--root", small_site, *args, cwd=small_site)
    assert code == 2 and "Traceback" not in out, out


def test_pagefind_files_round_trip_and_canonical_is_idempotent(
    small_site: Path, tmp_path: Path
) -> None:
    """cbor2 writes Pagefind's index files byte for byte as Pagefind does, and a
    shard in the fixed order is left alone (no rewrite of a linked file)."""
    code, out = run("build", "--root", small_site, "-o", tmp_path / "o", cwd=tmp_path)
    assert code == 0, out
    folder = tmp_path / "o" / "pagefind"
    for path in [*folder.glob("*/filter/*.pf_filter"), *folder.glob("*/*.pf_meta")]:
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(pagefind_canon.MAGIC)
        assert cbor2.dumps(cbor2.loads(raw[len(pagefind_canon.MAGIC) :])) == raw[12:]
    before = files(tmp_path / "o")
    assert pagefind_canon.tree(folder) == set()
    assert files(tmp_path / "o") == before


# -- pure: the assignment and the checks of a merge ---------------------------------


@pytest.mark.parametrize(
    ("sizes", "count", "preload", "expected"),
    [
        ([5], 1, 0, [1]),
        ([5], 2, 3, [2]),  # shard 1 is busy with the shared pages
        ([10, 9, 8, 1], 2, 0, [1, 2, 2, 1]),  # largest first to the least loaded: 11 and 17
        ([1000, 990, 1010, 1005], 4, 0, [3, 4, 1, 2]),
        ([3, 3, 3], 2, 0, [1, 2, 1]),  # ties by search shard, then build shard number
        ([], 3, 0, []),
    ],
)
def test_assign_balances_whole_search_shards(
    sizes: list[int], count: int, preload: int, expected: list[int]
) -> None:
    assert shard.assign(sizes, count, preload) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("1/1", Spec(1, 1)), (" 2 / 4 ", Spec(2, 4)), ("4/4", Spec(4, 4))]
)
def test_parse(text: str, expected: Spec) -> None:
    assert shard.parse(text) == expected


@pytest.mark.parametrize("text", ["0/4", "5/4", "1", "a/b", "1/0", ""])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(ConfigError) as err:
        shard.parse(text)
    assert err.value.problems[0].key == "--shard"


def _part(folder: str, index: int, count: int = 2, **changes: object) -> Partial:
    data: dict[str, object] = {
        "shard": index,
        "count": count,
        "commit": "c" * 40,
        "configuration": "k",
        "govsite": "0.1",
        "day": "2026-07-30",
        "search": True,
        "publish": False,
        "files": {f"{folder}.html": "x"},
    }
    return Partial(folder, {**data, **changes})


@pytest.mark.parametrize(
    ("parts", "said"),
    [
        ([_part("a", 1), _part("b", 2)], []),
        ([_part("a", 1)], ["缺少分片 2/2"]),
        ([_part("a", 1), _part("b", 1)], ["分片 1/2 出现了两次：分片目录 a 和 b", "缺少分片 2/2"]),
        ([_part("a", 1), _part("b", 2, commit="d" * 40)], ["分片目录 b 的提交"]),
        ([_part("a", 1), _part("b", 2, configuration="other")], ["分片目录 b 的配置摘要"]),
        ([_part("a", 1), _part("b", 2, day="2026-07-31")], ["分片目录 b 的构建日期"]),
        ([_part("a", 1), _part("b", 2, count=3)], ["分片目录 b 的分片总数 N"]),
        ([_part("a", 1), _part("b", 2, files={"a.html": "x"})], ["文件 a.html 同时在"]),
    ],
)
def test_agreement(parts: list[Partial], said: list[str]) -> None:
    found = [p.message for p in shard.agreement(parts)]
    assert len(found) == len(said), found
    for message, expected in zip(found, said, strict=True):
        assert expected in message
