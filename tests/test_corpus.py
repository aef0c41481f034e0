from __future__ import annotations

from pathlib import Path

from conftest import ROOT, write_article

from tui.corpus import load_corpus, split_paragraphs


def test_blank_line_layout_each_line_a_paragraph_with_offsets() -> None:
    text = "First paragraph here.\n\nSecond one, [bracketed].\n\n  Third.  \n"
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == ["First paragraph here.", "Second one, [bracketed].", "Third."]
    assert [p.number for p in paragraphs] == [1, 2, 3]
    for p in paragraphs:
        assert text[p.start : p.end] == p.text


def test_one_paragraph_a_line_layout() -> None:
    text = "Line one is a paragraph.\nLine two is another.\nAnd three."
    assert [p.text for p in split_paragraphs(text)] == [
        "Line one is a paragraph.",
        "Line two is another.",
        "And three.",
    ]


def test_hard_wrapped_prose_joins_lines_of_a_block() -> None:
    text = "A wrapped paragraph that goes on\nacross two lines.\n\nA second paragraph.\n"
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == [
        "A wrapped paragraph that goes on\nacross two lines.",
        "A second paragraph.",
    ]


def test_long_lines_in_a_block_stay_separate_paragraphs() -> None:
    long_line = "word " * 30
    text = f"{long_line}\n{long_line}x\n\nlast"
    assert len(split_paragraphs(text)) == 3


def test_crlf_line_ends() -> None:
    text = "One.\r\n\r\nTwo.\r\n"
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == ["One.", "Two."]


def test_bundled_corpus_bodies_are_verbatim_and_offsets_slice() -> None:
    corpus, problems = load_corpus(ROOT / "corpus")
    assert problems == []
    assert len(corpus.articles) == 3
    for article in corpus.articles:
        raw = Path(article.path).read_text(encoding="utf-8")
        assert article.text == raw
        for p in article.paragraphs:
            assert article.text[p.start : p.end] == p.text


def test_bundled_boilerplate_is_marked_not_removed() -> None:
    corpus, _ = load_corpus(ROOT / "corpus")
    mee = corpus.get("mee-iran-talks-will-continue")
    assert mee is not None
    marked = [p.text for p in mee.paragraphs if p.boilerplate]
    assert "Skip to main content" in marked
    assert marked.count("Read More »") == 2
    assert "Read More »" in mee.body
    assert mee.outlet == "Middle East Eye"
    assert mee.published_basis == "inferred" and mee.published_note


def test_bundled_layouts_number_paragraphs_stably() -> None:
    corpus, _ = load_corpus(ROOT / "corpus")
    one_per_line = corpus.get("rafizadeh-iran-incites-as-talks-advance")
    assert one_per_line is not None and len(one_per_line.paragraphs) == 22
    assert one_per_line.paragraphs[4].text.startswith('"Palestinians are awake')
    blank_separated = corpus.get("senators-urge-biden-halt-iran-talks")
    assert blank_separated is not None and len(blank_separated.paragraphs) == 8
    assert blank_separated.author is None and blank_separated.outlet is None


def test_missing_and_empty_folders(tmp_path: Path) -> None:
    _, problems = load_corpus(tmp_path / "nope")
    assert "does not exist" in str(problems[0])
    _, problems = load_corpus(tmp_path)
    assert "no articles" in str(problems[0])


def test_not_utf8_reports_line(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"---\nid: bad\n---\nline\n\xff\xfe bad")
    _, problems = load_corpus(tmp_path)
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{tmp_path / 'bad.txt'}:5: not UTF-8")


def test_binary_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02binary")
    _, problems = load_corpus(tmp_path)
    assert "binary file" in problems[0].message


def test_broken_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("no front matter\n")
    (tmp_path / "b.txt").write_text("---\nid: b\ntitle: x\n")
    (tmp_path / "c.txt").write_text("---\nid: [unclosed\n---\nbody")
    _, problems = load_corpus(tmp_path)
    messages = [str(p) for p in problems]
    assert any("a.txt:1: front matter: the file must start" in m for m in messages)
    assert any("b.txt:1: front matter: no closing" in m for m in messages)
    assert any("c.txt:" in m and "YAML syntax" in m for m in messages)


def test_front_matter_fields_checked(tmp_path: Path) -> None:
    write_article(tmp_path, "x", "Body.", published="2021-02-30", colour="red", published_basis="guessed")
    _, problems = load_corpus(tmp_path)
    messages = [str(p) for p in problems]
    assert any(":4: published: '2021-02-30': February 2021 has 28 days" in m for m in messages), messages
    assert any(":6: colour: unknown field" in m for m in messages), messages
    assert any("published_basis: must be 'stated' or 'inferred'" in m for m in messages), messages


def test_duplicate_id_and_duplicate_text(tmp_path: Path) -> None:
    write_article(tmp_path, "a", "Same body.")
    (tmp_path / "b.txt").write_text("---\nid: a\ntitle: t\npublished: 2021\npublished_basis: stated\n---\nOther.")
    (tmp_path / "c.txt").write_text("---\nid: c\ntitle: t\npublished: 2021\npublished_basis: stated\n---\nSame body.")
    corpus, problems = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["a"]
    messages = [str(p) for p in problems]
    assert any("'a' is already used" in m for m in messages)
    assert any("the same article text as" in m for m in messages)


def test_symlink_outside_corpus_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("---\nid: s\ntitle: t\npublished: 2021\npublished_basis: stated\n---\nSecret.")
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    write_article(corpus_dir, "ok", "Fine.")
    (corpus_dir / "link.txt").symlink_to(outside)
    corpus, problems = load_corpus(corpus_dir)
    assert [a.id for a in corpus.articles] == ["ok"]
    assert "outside the corpus folder" in problems[0].message


def test_boilerplate_entry_must_match_a_paragraph(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "---\nid: a\ntitle: t\npublished: 2021\npublished_basis: stated\nboilerplate:\n  - Read More\n---\nBody.\n"
    )
    _, problems = load_corpus(tmp_path)
    assert str(problems[0]).endswith(":7: boilerplate: 'Read More' is not a paragraph of the body")
