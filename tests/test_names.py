from __future__ import annotations

import io
from pathlib import Path

from conftest import ROOT, write_article

from tui.cli import main
from tui.corpus import load_corpus
from tui.model import Actor
from tui.names import missing_names

TEXT = (
    "Meanwhile, the Acme Widget Corporation hired Jane Doe in Paris on Monday, May 12.\n"
    "Ayatollah Khamenei's office and the Iranian regime said Israel's Iron Dome failed.\n"
    'Separately, Dr. Jane Doe wrote: "Why Is Twitter Letting Iran Win?" to @someone_new and @khamenei_ir.\n'
    "Contact jane@example.org or #NoNames. Twitter said nothing.\n"
)
ACTORS = [
    Actor("ali-khamenei", "Ali Khamenei", "person", ("Khamenei", "Ayatollah Khamenei"), (), ("@khamenei_ir",)),
    Actor("iran", "Iran", "place", ("Iranian regime",)),
    Actor("israel", "Israel", "place"),
    Actor("twitter", "Twitter", "organisation"),
]


def test_missing_names_are_suggested_and_known_ones_are_not(tmp_path: Path) -> None:
    write_article(tmp_path, "a", TEXT)
    corpus, problems = load_corpus(tmp_path)
    assert not problems
    found = {s.name: s for s in missing_names(corpus.articles, ACTORS)}
    assert set(found) == {"Acme Widget Corporation", "Jane Doe", "Paris", "Iron Dome", "Dr Jane Doe", "@someone_new"}
    assert found["Jane Doe"].count == 1 and found["Jane Doe"].paragraph == 1
    assert found["Iron Dome"].article == "a"


def test_names_covered_by_one_actor_with_derived_forms_are_known(tmp_path: Path) -> None:
    write_article(tmp_path, "a", "They met Iranian officials and Israelis, then Ali Khamenei and Twitter.\n")
    corpus, _ = load_corpus(tmp_path)
    assert missing_names(corpus.articles, ACTORS) == []


def test_check_prints_suggestions_and_stays_valid() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--events", str(ROOT / "events.yaml")], out, err)
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "All valid" in text and "Suggestions:" in text and "Iron Dome" in text
    for word in ("Meanwhile", "Thursday", "Harvard", "Khamenei", "Biden"):
        assert word not in text.split("Suggestions:")[1]
