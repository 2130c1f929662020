"""The labelled corpus (benchmarks/pii_corpus.py): recall and quiet clean documents, measured."""

from __future__ import annotations

from benchmarks.pii_corpus import KINDS, MUST_FIND, generate, measure


def test_corpus_thresholds() -> None:
    docs = generate()
    assert len(docs) >= 200
    clean = [d for d in docs if d.clean]
    assert len(clean) * 2 >= len(docs)  # at least half are look-alikes without findings
    result = measure(docs)
    for kind in MUST_FIND:
        score = result.scores[kind]
        assert score.tp > 0 and score.recall == 1.0, (kind, result.misses)
    assert all(result.scores[k].tp > 0 for k in KINDS)  # every kind is exercised
    assert result.clean_quiet >= 0.98 * result.clean, result.false_alarms


def test_corpus_is_deterministic_and_labels_stand_where_the_text_is() -> None:
    first, second = generate(), generate()
    assert [d.text for d in first] == [d.text for d in second]
    for doc in first:
        lines = doc.text.split("\n")
        assert all(1 <= line <= len(lines) for _, line in doc.expected), doc.name
