"""The narrow context an article is judged in: what the model needs from the site's files.

``govsite.config`` reads site.yml and reviewers.yml and builds these; the model never
imports the configuration classes (data flows files → model, config may import the
model, never the reverse).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from govsite.model.index_number import IndexNumberRule
from govsite.model.normative import NormativeRule


class Owner(Protocol):
    """The unit an article belongs to (reviewers.yml ``units.<id>``)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def credit_code(self) -> str | None: ...


@dataclass(frozen=True)
class Rules:
    """site.yml's rules for front matter, and the units of reviewers.yml."""

    columns: Mapping[str, bool] = field(default_factory=dict)  # column id -> in 公开目录
    topics: tuple[str, ...] = ()  # 信息分类 (empty: any)
    index_rule: IndexNumberRule = field(default_factory=IndexNumberRule)
    normative: NormativeRule = field(default_factory=NormativeRule)
    units: Collection[str] = ()  # unit ids, for 联合发文单位
