"""Keep the alignment up to date without realigning the whole database.

After an ingest stores new documents, `align_new(db)` aligns them:

- Which documents are new: those after the `aligned_through` watermark
  (a documents.rowid, written in the same transaction as the alignment it
  records), so a crash before or during alignment leaves them pending and
  the next run picks them up.
- First alignment, or a batch that is a large share of the database
  (`FULL_SHARE`): everything is aligned again (`align_all`).
- Otherwise only the neighbourhood of the new quotes is read and rewritten:
  1. people: the stored people any new speaker name could join (an exact
     spelling, or a blocking key `align` would compare them under, looked up
     in `person_keys`) are regrouped together with the new quotes, from all
     of their quotes;
  2. statements: the stored quotes sharing a rare word with a new quote (the
     full-text index, words in at most `align.MAX_BLOCK` distinct texts, as
     `align` blocks) bring in their clusters, every member of each; `align` with
     `existing=` those clusters compares only the new quotes, re-links the
     clusters they reach and keeps the others.
  Both steps and the watermark are written in one transaction; rows outside
  the neighbourhood are not touched.

Cost grows with the neighbourhood (the quotes of the people and statements a
new article touches), not with the database. The result is the full run's
for everything the neighbourhood holds; a full run (`align_all`, or
`ingest --realign` in the CLI if the lead adds it) can differ only where a
word became common or rare since, which moves blocking for quotes outside it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import sqlite_utils

from . import store
from .align import (
    CLUSTERED_KINDS,
    MAX_BLOCK,
    align,
    collector_paused,
    name_blocks,
    surname_keys,
    voice_id,
    voice_name,
)
from .names import SAME_TOKEN, name_similarity, name_tokens, normalise_name, token_similarity
from .records import KIND_SCARE, SPEAKER_PERSON, Alignment, StoredQuote

# A batch with more new documents than this share of the database is aligned
# with everything else: a full run then costs about as much and is exact.
FULL_SHARE = 0.2
_WORD = re.compile(r"[^\W_]{3,}|\d{2,}")


@dataclass(frozen=True)
class AlignReport:
    mode: str  # "none" (nothing new), "full" or "incremental"
    new_quotes: int = 0
    loaded_quotes: int = 0  # quotes read back to align them (incremental)
    people: int = 0  # people written
    clusters: int = 0  # clusters written
    seconds: float = 0.0


def align_new(db: sqlite_utils.Database) -> AlignReport:
    """Align the documents stored since the last alignment, incrementally when they are few."""
    start = time.perf_counter()
    done = store.aligned_through(db)
    last = store.last_document_rowid(db)
    if last == done:
        return AlignReport("none")
    if done == 0 or last - done > FULL_SHARE * last:
        return align_all(db)
    with db.atomic():
        if not store.person_keys_complete(db):  # written by something else than this module
            index_people(db)
        new = store.load_quotes_for_alignment(db, after_document=done)
        people = _update_people(db, new, done)
        if people is None:  # an id collides with a person outside the neighbourhood
            return align_all(db)
        people_ids, person_of, changed, n_people_quotes = people
        n_cluster_quotes, n_clusters = _update_clusters(db, new, done, person_of, changed)
        store.set_aligned_through(db, last)
    return AlignReport(
        "incremental",
        new_quotes=len(new),
        loaded_quotes=n_people_quotes + n_cluster_quotes,
        people=len(people_ids),
        clusters=n_clusters,
        seconds=time.perf_counter() - start,
    )


def align_all(db: sqlite_utils.Database) -> AlignReport:
    """Align every stored quote and replace the whole alignment."""
    start = time.perf_counter()
    with collector_paused(), db.atomic():
        last = store.last_document_rowid(db)
        quotes = store.load_quotes_building_indexes(db)
        alignment = align(quotes)
        store.save_alignment(db, alignment)
        index_people(db)
        store.set_aligned_through(db, last)
    return AlignReport(
        "full",
        new_quotes=len(quotes),
        people=len(alignment.people),
        clusters=len(alignment.clusters),
        seconds=time.perf_counter() - start,
    )


# ---------------------------------------------------------------- people


def _is_person(q: StoredQuote) -> bool:
    return bool(q.speaker) and q.speaker_kind in (None, SPEAKER_PERSON)


def spelling_keys(spelling: str) -> set[str]:
    """Blocking keys of a spelling, as `align` blocks names.

    A full name has "surname|g" for each of its blocks (surname skeleton, given
    name initial) and "surname|*" for each surname key; a bare name "surname|".
    Every word also gives "t:skeleton", for looking people up by any word.
    """
    tokens = name_tokens(spelling)
    if not tokens:
        return set()
    words = {f"t:{k}" for t in (*tokens, "".join(tokens[1:])) if t for k in surname_keys(t)}
    if len(tokens) == 1:
        return words | {f"{k}|" for k in surname_keys(tokens[0])}
    return words | {f"{sk}|{g}" for sk, g in name_blocks(tokens)} | {f"{k}|*" for k in surname_keys(tokens[-1])}


def people_named(db: sqlite_utils.Database, query: str) -> set[str] | None:
    """People with a spelling whose words sound like the query's (the candidates of `lookup.find_people`).

    None when the database has no complete key index (built by ingest's alignment):
    the caller then has to consider everyone.
    """
    if not store.person_keys_complete(db):
        return None
    tokens = name_tokens(query)
    # A one-word query may be any word of a name; a full name matches only
    # names with its surname (`names.name_similarity` needs the surnames to agree).
    words = tokens if len(tokens) == 1 else (tokens[-1], "".join(tokens[1:]))
    keys = {f"t:{k}" for t in words if t for k in surname_keys(t)}
    return store.people_with_keys(db, keys) | store.people_with_spellings(db, [query])


def _candidate_people(db: sqlite_utils.Database, names: set[str]) -> set[str]:
    """Stored people a new speaker name could join.

    Looked up by an equal spelling or a shared block (a full name meets full
    names in its blocks and bare names with its surname; a bare name meets
    every name with its surname), then kept only if one of their spellings
    could link to a new name: what `align` could link, or what complete
    linkage would weigh (name similarity 0.6). Common surnames make big
    blocks; this keeps their unrelated people out of the work.
    """
    keys: set[str] = set()
    prefixes: set[str] = set()
    for name in names:
        tokens = name_tokens(name)
        if len(tokens) == 1:
            prefixes |= {f"{k}|" for k in surname_keys(tokens[0])}
        elif tokens:
            keys |= {f"{sk}|{g}" for sk, g in name_blocks(tokens)}
            keys |= {f"{k}|" for k in surname_keys(tokens[-1])}
    found = store.people_with_spellings(db, names) | store.people_with_keys(db, keys, prefixes)
    display = store.names_of_people(db, found)
    return {
        pid
        for pid, spelling in store.person_spellings(db, found)
        if any(_could_link(spelling, n, len(name_tokens(display.get(pid, ""))) == 1) for n in names)
    }


def _could_link(spelling: str, name: str, bare_person: bool) -> bool:
    """Whether a stored spelling and a new speaker name could end up one person.

    A bare spelling of a person known by a full name is only how an article
    wrote them ("Miller"): it is not what `align` groups on, so it counts only
    for people known by nothing more (a bare name the new full name may claim).
    """
    ta, tb = name_tokens(spelling), name_tokens(name)
    if not ta or not tb:
        return False
    if normalise_name(spelling) == normalise_name(name):
        return True
    if len(ta) == 1 and not bare_person:
        return False
    if len(ta) == 1 or len(tb) == 1:  # a bare name joins a full name through its surname
        return token_similarity(ta[-1], tb[-1]) >= SAME_TOKEN
    if name_similarity(spelling, name) >= 0.6:
        return True
    # align's affiliation support: same surname, compatible given names
    return token_similarity(ta[-1], tb[-1]) >= SAME_TOKEN and (
        ta[0][0] == tb[0][0] or token_similarity(ta[0], tb[0]) >= SAME_TOKEN
    )


def index_people(db: sqlite_utils.Database, person_ids: Iterable[str] | None = None) -> None:
    """(Re)write the blocking keys of these people's spellings (None: everyone's)."""
    pairs = store.person_spellings(db, person_ids)
    store.replace_person_keys(db, ((k, pid) for pid, s in pairs for k in spelling_keys(s)), person_ids)


def _update_people(
    db: sqlite_utils.Database, new: Sequence[StoredQuote], done: int
) -> tuple[set[str], dict[str, tuple[str, str]], set[str], int] | None:
    """Regroup the people new quotes may join.

    Returns the people written, quote id -> (person id, name) for every quote
    read, the quotes whose person changed, and how many stored quotes were
    read; None when a new person's id is taken by someone outside the
    neighbourhood (the caller then aligns everything).
    """
    # `align` groups by the resolved speaker; the name as written only adds a spelling
    names = {q.speaker for q in new if _is_person(q) and q.speaker}
    # an organisation's id is its name's: every stored quote of the ones new quotes speak as
    voices = {voice_id(v) for q in new if (v := voice_name(q)) is not None}
    candidates = _candidate_people(db, names) | set(store.names_of_people(db, voices))
    quotes = store.load_quotes_for_alignment(db, person_ids=candidates, after_document=done)
    # People only: every quote of every candidate is here, so their display
    # names, spellings and counts come out as a full run gives them. Kinds
    # are masked so that `align` does not cluster these quotes too.
    people_only = align([_masked(q) for q in quotes])
    written = {p.id for p in people_only.people}
    if store.names_of_people(db, written - candidates):
        return None
    old_names = store.names_of_people(db, candidates)
    before = {qid: (pid, old_names[pid]) for qid, pid in store.quotes_of_people(db, candidates).items()}
    name_of = {p.id: p.name for p in people_only.people}
    person_of = {q.id: ("", "") for q in quotes}  # ("", ""): no person
    person_of.update((qid, (pid, name_of[pid])) for qid, pid in people_only.person_of_quote.items())
    changed = {qid for qid, now in person_of.items() if before.get(qid, ("", "")) != now}
    store.update_people(db, people_only.people, people_only.person_of_quote, replacing=candidates, changed=changed)
    index_people(db, candidates | written)
    return written, person_of, changed, len(quotes) - len(new)


def _masked(q: StoredQuote) -> StoredQuote:
    """The quote with a kind `align` does not cluster (positional: `replace` is slow on 10^5 quotes)."""
    return StoredQuote(
        q.id, q.document_id, q.document_name, q.outlet, q.published, q.start, q.text, KIND_SCARE,
        q.speaker, q.speaker_as_written, q.speaker_kind, q.affiliation, q.title, q.told_to, q.speaker_confidence,
    )


# ---------------------------------------------------------------- statements


def _words(quotes: Iterable[StoredQuote]) -> set[str]:
    return {w.casefold() for q in quotes for w in _WORD.findall(q.text)}


def _update_clusters(
    db: sqlite_utils.Database,
    new: Sequence[StoredQuote],
    done: int,
    person_of: dict[str, tuple[str, str]],
    changed: set[str],
) -> tuple[int, int]:
    """Cluster the new quotes into the statements they reach; returns (quotes read, clusters written)."""
    clustered = [q for q in new if q.kind in CLUSTERED_KINDS]
    near: set[str] = set()
    for word in sorted(_words(clustered)):
        ids = store.quote_ids_with_word(db, word, MAX_BLOCK)
        if ids is not None:  # a common word blocks nothing, as in `align`
            near.update(ids)
    # statements credited to someone whose person changed: their speakers may change
    near |= changed
    cluster_ids = store.cluster_ids_of_quotes(db, near)
    member_ids = store.quote_ids_in_clusters(db, cluster_ids)
    quotes = store.load_quotes_for_alignment(db, quote_ids=member_ids, after_document=done)
    clusters, variants = store.load_clusters(db, cluster_ids)
    relations = store.load_relations(db, cluster_ids)
    # Speakers as the whole database knows them: the person's display name.
    known = store.people_of_quotes(db, [q.id for q in quotes if q.id not in person_of])
    named = [_as_person(q, person_of.get(q.id) or known.get(q.id)) for q in quotes]
    result = align(named, existing=Alignment(clusters=clusters, variants=variants, relations=relations))
    store.update_clusters(
        db,
        result.clusters,
        result.variants,
        replacing=cluster_ids,
        quote_ids=[q.id for q in quotes],
        relations=result.relations,
    )
    return len(quotes) - len(new), len(result.clusters)


def _as_person(q: StoredQuote, person: tuple[str, str] | None) -> StoredQuote:
    if person is None or not person[0]:
        if _is_person(q):  # a name no person was made of: nobody, as in the stored alignment
            return replace(q, speaker=None, speaker_as_written=None, affiliation=None)
        return q
    return replace(q, speaker=person[1], speaker_kind=SPEAKER_PERSON, speaker_as_written=None, affiliation=None)
