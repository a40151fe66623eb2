"""Co-occurrence that means something (kg.cooccur): lists, alternatives, parallel slots and the
same sentence again do not make two names a pair; a pair stated in a sentence does."""
import re

from kg.cooccur import HUB_FLOOR, HUB_SHARE, Pair, _without_hubs, pairs
from kg.model import Mention


def corpus(*docs: str, names=("Acme", "Globex", "Initech", "Umbrella", "Hamburg", "Germany", "Vance", "Orbit")):
    """windows and texts of documents whose sentences end with '.'; every name found where written."""
    windows, texts = {}, {}
    for d, text in enumerate(docs):
        doc = f"d{d}"
        starts = [0] + [m.end() + 1 for m in re.finditer(r"\.(?= )", text)]
        texts[doc] = (text, starts)
        for name in names:
            for m in re.finditer(rf"\b{name}\b", text):
                window = sum(1 for s in starts if s <= m.start()) - 1
                windows.setdefault((doc, window), {}).setdefault(name.lower(), []).append(
                    Mention(doc, name, "Organization", "ner", 1.0, m.start(), m.end(), window=window))
    return windows, texts


def found(*docs: str) -> dict[tuple[str, str], int]:
    return {(p.u, p.v): p.weight for p in pairs(*corpus(*docs), min_count=1)[0]}


def test_a_sentence_that_links_two_names_makes_a_pair():
    assert found("Acme bought Globex last year. Nothing else.") == {("acme", "globex"): 1}


def test_three_names_in_a_list_are_no_pairs_but_a_stated_link_among_them_is():
    text = "She advised Acme, Globex and Initech. Later Acme sued Initech over a patent."
    assert found(text) == {("acme", "initech"): 1}


def test_two_names_offered_as_alternatives_are_no_pair():
    assert found("You can host it on Acme or Globex.") == {}
    assert found("You can host it on Acme/Globex.") == {}


def test_two_names_joined_by_and_are_coordinated_not_linked_unless_between_joins_them():
    assert found("Acme and Globex were our first customers.") == {}
    assert found("The feud between Acme and Globex went on for years.") == {("acme", "globex"): 1}
    assert found("She lives in Hamburg, Germany.") == {("germany", "hamburg"): 1}


def test_examples_and_lists_with_names_nothing_recognised_are_lists():
    assert found("It is used by companies like Acme, Globex.") == {}
    assert found("She coached teams at Acme, Zorblat, Globex.") == {}       # Zorblat: an item too
    assert found("Acme, said the memo, bought Globex.") == {("acme", "globex"): 1}


def test_names_in_parallel_slots_are_a_resume_not_a_link():
    assert found("Before this she was a VP at Acme, then a director at Globex.") == {}
    assert found("It failed in Hamburg, and it failed again in Germany too.") == {}
    # one slot only: a link
    assert found("Acme opened an office in Hamburg.") == {("acme", "hamburg"): 1}
    # different prepositions: not parallel
    assert found("Vance moved from Acme to a job in Hamburg.") != {}


def test_the_same_sentence_in_many_episodes_counts_once():
    ad = "This show is brought to you by Orbit, trusted by teams at Acme."
    assert found(ad, ad, ad) == {("acme", "orbit"): 1}
    assert found(ad, "Orbit was built by former Acme engineers.") == {("acme", "orbit"): 2}


def test_the_evidence_is_the_window_saying_the_two_closest():
    far = "Acme, said the report that everyone read that winter in the north, would one day meet Globex."
    near = "Acme sued Globex."
    (p,), _ = pairs(*corpus(far, near), min_count=2)
    assert (p.doc_id, p.first.start, p.second.start) == ("d1", 0, 10)


def test_no_entity_is_in_more_than_its_share_of_pairs_and_keeps_its_most_associated():
    m = Mention("d", "x", "Concept", "ner", 1.0, 0, 1)
    others = [Pair(f"a{i:03}", f"b{i:03}", 2, 0.1, m, m, "d") for i in range(200)]
    hub = [Pair("hub", f"z{i:03}", 3, i / 100, m, m, "d") for i in range(60)]
    kept = _without_hubs(others + hub)
    share = sum(1 for p in kept if "hub" in (p.u, p.v))
    assert share <= max(HUB_FLOOR, HUB_SHARE * len(kept))
    assert share >= HUB_SHARE * len(kept) - 1
    assert min(p.score for p in kept if p.u == "hub") > max(p.score for p in hub if p not in kept)
    assert all(p in kept for p in others)
    small = [Pair("hub", f"z{i}", 2, 0.5, m, m, "d") for i in range(HUB_FLOOR)]
    assert _without_hubs(small) == small               # a small graph keeps what it has


def test_one_preposition_before_two_names_is_no_parallel_slot():
    windows, texts = corpus("She worked at Acme Globex for years.")
    assert {(p.u, p.v) for p in pairs(windows, texts, min_count=1)[0]} == {("acme", "globex")}


def test_a_long_gap_of_capitalised_words_that_is_no_list_is_judged_at_once():
    import time

    gap = ", ".join(["The Beatles", "The Who"] * 20) + ", all played before"
    start = time.perf_counter()
    assert found(f"Acme, {gap} Globex.") == {}          # list words and capitals, then no list: not a list, too far
    assert found("Acme " + "AND " * 40 + "bought Globex.") == {("acme", "globex"): 1}
    assert time.perf_counter() - start < 2       # a backtracking reading took minutes on gaps like these


def test_two_names_said_thousands_of_times_far_apart_in_one_window_are_judged_at_once():
    import time

    text = "Acme. " * 3000 + "x" * 2000 + "Globex. " * 3000       # one unpunctuated "sentence" of captions, say
    acme = [Mention("d", "Acme", "Organization", "ner", 1.0, i * 6, i * 6 + 4, window=0) for i in range(3000)]
    start = 18000 + 2000
    globex = [Mention("d", "Globex", "Organization", "ner", 1.0, start + i * 8, start + i * 8 + 6, window=0)
              for i in range(3000)]
    began = time.perf_counter()
    found_pairs, _ = pairs({("d", 0): {"acme": acme, "globex": globex}}, {"d": (text, [0])}, min_count=1)
    assert found_pairs == []                       # never within one quote of each other
    assert time.perf_counter() - began < 1         # every pair of mentions tried: about 3 s here


def test_two_names_joined_by_and_and_a_few_small_words_are_two_of_a_kind():
    assert found("We posted it on Acme and on Globex.") == {}
    assert found("Money came from Hamburg and from Germany.") == {}
    # a word that says a link between them, or "between", keeps the pair
    assert ("acme", "globex") in found("Vance ran Acme and later bought Globex.")
    assert found("The border between Hamburg and Germany moved.") == {("germany", "hamburg"): 1}
