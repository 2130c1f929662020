"""Real OpenSSH keys for the record tests: the gate's, and an impostor's."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from govsite.review import signing


@dataclass(frozen=True)
class Key:
    private: Path
    public: str

    def signers(self, principal: str = signing.PRINCIPAL) -> str:
        return f'{principal} namespaces="{signing.NAMESPACE}" {self.public}\n'


def make_key(folder: Path, name: str) -> Key:
    folder.mkdir(parents=True, exist_ok=True)
    private = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(private)], check=True
    )
    return Key(private, (folder / f"{name}.pub").read_text(encoding="ascii").strip())
