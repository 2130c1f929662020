"""Sign and verify approval records with OpenSSH (``ssh-keygen -Y sign`` / ``-Y verify``).

OpenSSH signatures need no extra library and no key server: the trusted keys are a
plain allowed_signers file in the repository (``hooks/gate-signers``), which the
platform unit owns like any other file. Namespace ``govsite-approval`` keeps a
signature made for anything else (a signed commit, another tool) from counting here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from govsite.errors import ConfigError, Problem

NAMESPACE = "govsite-approval"
PRINCIPAL = "review-gate"
SIGNERS_FILE = "hooks/gate-signers"
KEY_ENV = "GOVSITE_GATE_KEY"
BEGIN = "-----BEGIN SSH SIGNATURE-----"
TIMEOUT = 30


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise ConfigError(
            Problem(
                "找不到 ssh-keygen，无法签名或核验审批记录",
                fix="安装 OpenSSH 客户端（apt-get install openssh-client）",
            )
        )
    return found


def key_from_env() -> Path:
    """The gate's private key: ``$GOVSITE_GATE_KEY``; without one nothing is recorded."""
    value = os.environ.get(KEY_ENV, "").strip()
    if not value:
        raise ConfigError(
            Problem(
                f"没有门禁签名私钥：环境变量 {KEY_ENV} 未设置，不能写审批记录",
                key=KEY_ENV,
                fix=f"把门禁私钥文件的路径设为 {KEY_ENV}（见 docs/审核门禁.md“签名密钥”）",
            )
        )
    path = Path(value)
    if not path.is_file():
        raise ConfigError(
            Problem(
                f"门禁签名私钥 {path} 不存在或不是文件",
                path=str(path),
                key=KEY_ENV,
                fix=f"让 {KEY_ENV} 指向私钥文件",
            )
        )
    return path


def sign(message: bytes, key: Path) -> str:
    """The armored SSH signature of ``message`` (a ConfigError when the key cannot sign)."""
    try:
        done = subprocess.run(
            [_ssh_keygen(), "-q", "-Y", "sign", "-f", str(key), "-n", NAMESPACE],
            input=message,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(Problem(f"无法用门禁私钥签名（{exc}）", path=str(key))) from None
    text = done.stdout.decode("ascii", "replace")
    if done.returncode != 0 or BEGIN not in text:
        detail = done.stderr.decode("utf-8", "replace").strip() or f"退出码 {done.returncode}"
        raise ConfigError(
            Problem(
                f"无法用门禁私钥签名（ssh-keygen：{detail}）",
                path=str(key),
                key=KEY_ENV,
                fix="确认私钥文件正确、未加口令、权限为 600",
            )
        )
    return text.strip() + "\n"


def verify(message: bytes, signature: str, signers: str) -> bool:
    """True only when ``signature`` is a good ``govsite-approval`` signature of ``message``
    by principal ``review-gate`` with a key in ``signers`` (allowed_signers text)."""
    if not signers.strip() or BEGIN not in signature:
        return False
    with tempfile.TemporaryDirectory(prefix="govsite-verify-") as tmp:
        allowed = Path(tmp) / "allowed_signers"
        allowed.write_text(signers, encoding="utf-8")
        sig = Path(tmp) / "record.sig"
        sig.write_text(signature, encoding="ascii", errors="replace")
        try:
            done = subprocess.run(
                [
                    _ssh_keygen(),
                    "-Y",
                    "verify",
                    "-f",
                    str(allowed),
                    "-I",
                    PRINCIPAL,
                    "-n",
                    NAMESPACE,
                    "-s",
                    str(sig),
                ],
                input=message,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return False  # fail closed: an unverifiable record counts for nothing
    return done.returncode == 0
