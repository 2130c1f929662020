"""Approval records: what the gate approved, bound to content, signed, kept in git.

The one module that writes and reads records, for the gate, the audit and the
register. A record is one git note under ``refs/notes/approvals`` on the PR's
head commit: a canonical JSON line, then an OpenSSH signature of exactly that
line (namespace ``govsite-approval``, principal ``review-gate``)::

    {"approvals": [{"level": "1", "login": "alice", "review_id": 80,
                    "submitted_at": "…", "unit": "zfb", "co_issuer": false}, …],
     "author": "editor", "base": "<sha>", "commits": [{"sha", "author", "authored_at",
     "subject"}, …], "decided_at": "…", "files": {"content/zfb/a.md": "<blob>", …},
     "format": 2, "head": "<sha>", "head_tree": "<tree>", "policy_blob": "<blob>", "pr": 7}

A record covers a file when the file's blob id at a revision equals the blob it
lists for that path: a merge commit, a squash, a rebase or a fast-forward keep
the blob (the content) and so stay covered; any later change makes a new blob
that no record lists. Notes are keyed by the head commit only for lookup; the
binding is the blob ids, so the head commit need not be on the branch.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import git
from gitdb.base import IStream

from govsite.errors import ConfigError, Problem
from govsite.review import signing
from govsite.review.policy import Decision

REF = "refs/notes/approvals"
FORMAT = 2

# Why a stored note does not count (shown by the register and the audit).
UNSIGNED = "审批记录未签名（旧格式或被改写），不计入"
BAD_SIGNATURE = "审批记录签名无效（不是门禁密钥签的，或内容被改动），不计入"
MALFORMED = "审批记录格式错误，不计入"


@dataclass(frozen=True)
class Approval:
    unit: str
    level: str  # "1", "2", "3" or "leader"
    login: str
    submitted_at: str
    review_id: int | None = None
    co_issuer: bool = False  # a 联合发文单位's consent (its 三审)


@dataclass(frozen=True)
class Record:
    pr: int | None
    base: str
    head: str
    head_tree: str
    policy_blob: str
    author: str
    decided_at: str
    files: dict[str, str | None]
    approvals: tuple[Approval, ...]
    commits: tuple[dict[str, str], ...] = ()

    def covers(self, path: str, blob: str) -> bool:
        return self.files.get(path) == blob

    @property
    def is_withdrawal(self) -> bool:
        return bool(self.approvals) and all(a.level == "withdraw" for a in self.approvals)


@dataclass
class Store:
    """Every note read, split into valid records and the reasons the rest do not count."""

    records: list[Record] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)  # head commit -> reason

    def index(self) -> dict[tuple[str, str], list[Record]]:
        out: dict[tuple[str, str], list[Record]] = {}
        for record in self.records:
            for path, blob in record.files.items():
                if blob is not None:
                    out.setdefault((path, blob), []).append(record)
        for found in out.values():
            found.sort(key=lambda r: r.decided_at)
        return out


def payload(
    decision: Decision, pr: int | None, author: str, decided_at: datetime | None = None
) -> dict[str, Any]:
    when = (decided_at or datetime.now(UTC)).isoformat()
    return {
        "format": FORMAT,
        "pr": pr,
        "base": decision.base,
        "head": decision.head,
        "head_tree": decision.head_tree,
        "policy_blob": decision.policy_blob,
        "author": author,
        "decided_at": when,
        "files": dict(sorted(decision.blobs.items())),
        "commits": list(decision.commits),
        "approvals": [
            {
                "unit": u.unit,
                "level": lv.level,
                "login": lv.approved_by,
                "review_id": lv.review_id,
                "submitted_at": lv.submitted_at,
                "co_issuer": u.co_issuer,
            }
            for u in decision.units
            for lv in u.levels
            if lv.ok
        ],
    }


def encode(data: Mapping[str, Any]) -> bytes:
    """Canonical bytes: the exact message that is signed."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def seal(data: Mapping[str, Any], key: Path) -> str:
    message = encode(data)
    return message.decode("utf-8") + "\n" + signing.sign(message, key)


def write(
    repo_path: Path,
    decision: Decision,
    key: Path,
    *,
    pr: int | None,
    author: str,
    decided_at: datetime | None = None,
) -> str:
    """Sign the record of a mergeable decision and store it as the note of its head."""
    if not decision.mergeable:
        raise ConfigError(Problem("合并请求尚未三审齐全，不写审批记录"))
    text = seal(payload(decision, pr, author, decided_at), key)
    try:
        repo = git.Repo(repo_path, search_parent_directories=True)
        # -C takes the blob byte for byte (no whitespace clean-up that would break the signature);
        # CI checkouts have no identity, so the note's author is the gate itself.
        blob = _hash(repo, text)
        repo.git.execute(
            [
                "git",
                "-c",
                "user.name=govsite review-gate",
                "-c",
                "user.email=review-gate@localhost",
                "notes",
                f"--ref={REF}",
                "add",
                "-f",
                "-C",
                blob,
                decision.head,
            ]
        )
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(
            Problem(f"{repo_path} 不是 git 仓库", fix="用 --repo 指向仓库根目录")
        ) from None
    except git.GitCommandError as exc:
        raise ConfigError(
            Problem(f"无法写入审批记录（git notes：{str(exc.stderr).strip()}）", fix="确认仓库可写")
        ) from None
    return text


def _hash(repo: git.Repo, text: str) -> str:
    """Store the note text as a blob exactly as given."""
    sha = repo.odb.store(IStream("blob", len(data := text.encode("utf-8")), io.BytesIO(data)))
    return str(sha.hexsha.decode("ascii"))


def split(text: str) -> tuple[bytes, str] | None:
    """(signed message, armored signature) of a note, None when it carries no signature."""
    head, sep, rest = text.partition("\n" + signing.BEGIN)
    if not sep:
        return None
    return head.encode("utf-8"), signing.BEGIN + rest


def parse(data: Any) -> Record | None:
    """A Record from verified JSON; None when it is not the shape the gate writes."""
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        files = data["files"]
        if not isinstance(files, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in files.items()
        ):
            return None
        approvals = []
        for item in data["approvals"]:
            approvals.append(
                Approval(
                    unit=str(item["unit"]),
                    level=str(item["level"]),
                    login=str(item["login"]),
                    submitted_at=str(item["submitted_at"]),
                    review_id=item.get("review_id"),
                    co_issuer=bool(item.get("co_issuer", False)),
                )
            )
        commits = tuple(c for c in data.get("commits", []) if isinstance(c, dict))
        pr = data.get("pr")
        return Record(
            pr=pr if isinstance(pr, int) else None,
            base=str(data["base"]),
            head=str(data["head"]),
            head_tree=str(data["head_tree"]),
            policy_blob=str(data["policy_blob"]),
            author=str(data["author"]),
            decided_at=str(data["decided_at"]),
            files=dict(files),
            approvals=tuple(approvals),
            commits=commits,
        )
    except (KeyError, TypeError, ValueError):
        return None


_VERIFIED: dict[tuple[str, str], bool] = {}  # (note blob, signers) -> result, per process


def check(text: str, signers: str, blob: str = "") -> Record | str:
    """The record in one note if its signature is good, else why it does not count."""
    parts = split(text)
    if parts is None:
        return UNSIGNED
    message, signature = parts
    cache = (blob, signers) if blob else None
    ok = _VERIFIED.get(cache) if cache else None
    if ok is None:
        ok = signing.verify(message, signature, signers)
        if cache:
            _VERIFIED[cache] = ok
    if not ok:
        return BAD_SIGNATURE
    try:
        record = parse(json.loads(message.decode("utf-8")))
    except ValueError:
        record = None
    return record if record is not None else MALFORMED


def notes(repo: git.Repo) -> list[tuple[str, str, str]]:
    """(head commit, note blob, text) of every note under the ref (one listing, one read each)."""
    try:
        listing = repo.git.notes("--ref", REF, "list")
    except git.GitCommandError:
        return []  # no ref yet: no records
    out = []
    for line in listing.splitlines():
        pair = line.split()
        if len(pair) != 2:
            continue
        blob, commit = pair
        try:
            data = repo.odb.stream(bytes.fromhex(blob)).read()
        except (ValueError, OSError, git.GitCommandError):
            continue
        out.append((commit, blob, data.decode("utf-8", "replace")))
    return out


def load(
    repo_path: Path, signers: str, wanted: Callable[[Mapping[str, Any]], bool] | None = None
) -> Store:
    """Every valid record; ``wanted`` (on a note's unverified JSON) skips verifying
    notes that could not matter (one ssh-keygen run per record is the cost here)."""
    try:
        repo = git.Repo(repo_path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(Problem(f"{repo_path} 不是 git 仓库", fix="在网站仓库中运行")) from None
    items = notes(repo)
    if wanted is not None:
        items = [n for n in items if wanted(_unverified(n[2]))]
    return from_notes(items, signers)


def _unverified(text: str) -> Mapping[str, Any]:
    """The note's JSON before its signature is checked: only to skip notes early."""
    try:
        data = json.loads(text.partition("\n")[0])
        return data if isinstance(data, dict) else {}
    except ValueError:
        return {}


def withdrawals(store: Store) -> dict[str, str]:
    """path -> when its latest withdrawal (撤稿) record was decided."""
    out: dict[str, str] = {}
    for r in store.records:
        if r.is_withdrawal:
            for path, blob in r.files.items():
                if blob is not None and r.decided_at > out.get(path, ""):
                    out[path] = r.decided_at
    return out


def from_notes(items: Iterable[tuple[str, str, str]], signers: str) -> Store:
    store = Store()
    for commit, blob, text in items:
        result = check(text, signers, blob)
        if isinstance(result, Record):
            store.records.append(result)
        else:
            store.rejected[commit] = result
    return store
