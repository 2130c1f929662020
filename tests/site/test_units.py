"""部门子站: only units that publish get a sub-site (an empty one is a blank column, MON-04)."""

from __future__ import annotations

from pathlib import Path

from govsite.release.build import build_site


def test_units_without_articles_have_no_sub_site(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(small_site, out, search=False)
    assert (out / "zfb" / "index.html").is_file()
    assert (out / "fgw" / "index.html").is_file()
    for idle in ("czj", "jyj", "platform"):  # listed in reviewers.yml, no articles here
        assert not (out / idle).exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "示例县发展和改革委员会" in home
    assert "示例县财政局" not in home
    assert "/platform/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
