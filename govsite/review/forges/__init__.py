"""The forge registry: a forge's name (``--forge``) to the class that speaks its API.

Adding a forge is adding a class implementing ``base.Forge`` and one line in FORGES;
the commands never branch on the name.
"""

from __future__ import annotations

from collections.abc import Mapping

from govsite.errors import ConfigError, Problem
from govsite.review.forges.base import GATE, TIMEOUT, Forge
from govsite.review.forges.gitea import Forgejo, Gitea
from govsite.review.forges.github import GitHub

FORGES: dict[str, type[Forge]] = {
    GitHub.name: GitHub,
    Gitea.name: Gitea,
    Forgejo.name: Forgejo,
}

# CI runners announce themselves in the environment; the first one present wins.
RUNNER_VARIABLES = (("FORGEJO_ACTIONS", "forgejo"), ("GITEA_ACTIONS", "gitea"))
DEFAULT = "github"
DEFAULT_API_URL = "https://api.github.com"


def detect(env: Mapping[str, str]) -> str:
    """The forge whose Actions runner this is (GitHub when none says otherwise)."""
    return next((name for var, name in RUNNER_VARIABLES if env.get(var)), DEFAULT)


def make(
    name: str,
    api_url: str,
    repository: str,
    token: str | None,
    timeout: float = TIMEOUT,
    *,
    consequence: str = GATE,
) -> Forge:
    cls = FORGES.get(name)
    if cls is None:
        raise ConfigError(
            Problem(
                f"不认识的代码托管平台“{name}”",
                key="--forge",
                fix=f"可选：{'、'.join(FORGES)}",
            )
        )
    return cls(api_url, repository, token, timeout, consequence=consequence)


def from_env(
    name: str | None,
    api_url: str | None,
    repository: str,
    env: Mapping[str, str],
    timeout: float = TIMEOUT,
    *,
    consequence: str = GATE,
) -> Forge:
    """The forge for this CI job: name, address and token from options or the runner's variables."""
    kind = name or detect(env)
    cls = FORGES.get(kind)
    token = next((env[v] for v in cls.token_variables if env.get(v)), None) if cls else None
    url = api_url or env.get("GITHUB_API_URL") or DEFAULT_API_URL
    return make(kind, url, repository, token, timeout, consequence=consequence)


__all__ = ["FORGES", "Forge", "detect", "from_env", "make"]
