"""A statement an article splits around its attribution, or quotes twice, is still one
statement across outlets; consecutive quotes are not made one without a version that joins them."""

from __future__ import annotations

from quote_factory import clusters_of, stored

from quotetrace.align import align
from quotetrace.records import KIND_CONTINUATION, KIND_PARTIAL, RELATION_CONTAINS

FIRST = "The bridge over the Vistula will reopen in March,"
SECOND = "Every lane will carry traffic again, and the tolls stay as they are until the council votes on them."
WHOLE = "The bridge over the Vistula will reopen in March. Every lane will carry traffic again, and the tolls stay as they are until the council votes on them."


def split_article() -> list:
    """“FIRST” the mayor told reporters. “SECOND”: two pieces 30 characters apart."""
    return [
        stored("a1", FIRST, "Ann Roe", doc="gazette", start=100),
        stored("a2", SECOND, "Ann Roe", doc="gazette", start=100 + len(FIRST) + 30, kind=KIND_CONTINUATION),
    ]


def test_a_whole_version_joins_the_piece_it_quotes_most_of() -> None:
    quotes = [*split_article(), stored("b", WHOLE, "Ann Roe", doc="herald")]
    alignment = align(quotes)
    c = clusters_of(alignment)
    assert c["b"] == c["a2"] != c["a1"]
    related = {(r.cluster_id, r.other_cluster_id, r.relation) for r in alignment.relations}
    assert any(rel == RELATION_CONTAINS and {x, y} == {c["a1"], c["b"]} for x, y, rel in related)


def test_consecutive_quotes_stay_two_statements_without_a_version_that_joins_them() -> None:
    other = stored("b", SECOND.replace("tolls", "fees"), "Ann Roe", doc="herald")
    c = clusters_of(align([*split_article(), other]))
    assert c["a2"] == c["b"] != c["a1"]


def test_an_article_quoting_a_statement_then_part_of_it_again_keeps_both_in_it() -> None:
    quotes = [
        stored("a", WHOLE, "Ann Roe", doc="gazette", start=100),
        stored("a-again", "the tolls stay as they are until the council votes on them.", "Ann Roe", doc="gazette", start=900, kind=KIND_PARTIAL),
        stored("b", WHOLE.replace("Every lane", "Each lane"), "Ann Roe", doc="herald"),
    ]
    c = clusters_of(align(quotes))
    assert c["a"] == c["a-again"] == c["b"]


def test_a_piece_months_later_is_judged_with_its_passage() -> None:
    # alone, six common words months apart are a line said again; with the rest of the
    # passage they are the statement quoted again
    quotes = [
        stored("old", "I love Pierogi Palace. I will never eat there again,", "Ann Roe", doc="herald", published="2016-01-10"),
        stored("p1", "I love Pierogi Palace,", "Ann Roe", doc="gazette", start=100, published="2016-05-20"),
        stored("p2", "I will never eat there again", "Ann Roe", doc="gazette", start=136, published="2016-05-20"),
    ]
    c = clusters_of(align(quotes))
    assert c["old"] in (c["p1"], c["p2"])


def test_an_articles_excerpt_of_its_own_quote_does_not_decide_where_another_outlets_version_goes() -> None:
    # the herald quotes the answer whole, then "the best builder" again, and a later answer
    # that also holds those words; the gazette splits the first answer around its attribution
    answer = "No, I meant she is the architect of the plan. I do. She was the best builder. I give her the best builder award,"
    later = "No, it is no mistake. Everyone likes it. I think they like it. I give her the best builder award."
    quotes = [
        stored("h-excerpt", "the best builder", "Ann Roe", doc="herald", start=50, kind=KIND_PARTIAL),
        stored("h-answer", answer, "Ann Roe", doc="herald", start=300),
        stored("h-later", later, "Ann Roe", doc="herald", start=900),
        stored("g1", "No, I meant she is the architect of the plan,", "Ann Roe", doc="gazette", start=400),
        stored("g2", "I do. She was the best builder. … She was the architect.", "Ann Roe", doc="gazette", start=470, kind=KIND_CONTINUATION),
    ]
    c = clusters_of(align(quotes))
    assert c["h-answer"] == c["g1"] == c["g2"] != c["h-later"]
