"""Surface clean-up and noise rejection for mentions.

`clean` strips what is not part of a name (possessives, leading discourse
words, "(Implied)", quotes, wikilink brackets); `is_noise` rejects spans that
are never entities (pronouns, discourse fragments, numbers, timestamps,
section headings).

>>> [clean(s) for s in ["Like OpenAI", "OpenAI (Implied)", "Jakub Pachocki's", "[[AI]]", "The RLVR", "Llama model"]]
['OpenAI', 'OpenAI', 'Jakub Pachocki', 'AI', 'RLVR', 'Llama']
>>> [is_noise(s) for s in ["And I", "So I", "2026", "00:13", "Intro", "Anthropic"]]
[True, True, True, True, True, False]
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a surface: 'Mądry ' -> 'madry'."""
    if text.isascii():          # nothing to decompose (most names): 4x faster
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


DISCOURSE = {
    "and", "but", "so", "like", "or", "because", "well", "then", "also", "just", "yeah", "yes", "oh", "um", "uh",
    "okay", "ok", "right", "through", "with", "in", "on", "at", "by", "from", "for", "of", "to", "into", "about",
    "the", "a", "an", "do", "does", "did", "if", "when", "whereas", "while", "although", "though", "maybe", "even",
    "actually", "basically", "obviously", "hey", "hi", "now", "since", "via", "versus", "vs", "our", "my", "your",
    "their", "his", "her", "its", "this", "that", "these", "those", "which", "what", "whether", "both", "all", "any",
    "some", "every", "each", "not", "no", "as", "than", "how", "why", "where", "who", "let", "let's", "say",
}
PRONOUNS = {
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her",
    "hers", "it", "its", "they", "them", "their", "theirs", "one", "someone", "somebody", "everyone", "everybody",
    "anyone", "nobody", "people", "guys", "folks", "this", "that", "these", "those", "there", "here", "who", "what",
}
HEADINGS = {
    "intro", "introduction", "outro", "summary", "overview", "takeaways", "key takeaways", "transcript",
    "episode guide", "chapters", "timestamps", "quickfire", "conclusion", "notes", "show notes", "links",
    "resources", "references", "highlights", "insights", "quotes", "sponsors", "credits", "q&a", "faq", "agenda",
    "focus area", "target audience", "future implications", "business/investment angle", "key technical insights",
    "notable companies/people", "podcast summary", "episode", "podcast", "show", "today", "tomorrow", "yesterday",
}
GENERIC_TAILS = {"model", "models", "researchers", "researcher", "team", "teams", "folks", "people", "paper",
                 "papers", "guys", "employees", "engineers", "scientists"}
_NUMBERISH = re.compile(r"^[\d\s.,:%$€£#+\-–/]*(?:k|m|b|bn|x|th|st|nd|rd|s|h|min|ms)?$", re.I)
_TIMESTAMP = re.compile(r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")
_PAREN = re.compile(r"\((?:implied|inferred|mentioned|referenced|indirect|possibly|probably|likely)", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")


def clean(surface: str) -> str:
    """Strip markup, possessives and leading discourse words from a surface."""
    text = " ".join(surface.replace("[[", "").replace("]]", "").split())
    text = _drop_note(text).strip(" \t\"'“”‘’`*_,;:.!?()[]{}")
    words = text.split()
    first, last = 0, len(words)
    while last - first > 1 and words[first].lower() in DISCOURSE:
        first += 1
    while last - first > 1 and words[last - 1].lower() in {"and", "or", "the", "of", "'s", "’s"}:
        last -= 1
    words = words[first:last]
    if len(words) > 1 and words[-1].lower() in GENERIC_TAILS and words[-2][:1].isupper():
        words = words[:-1]
    text = " ".join(words)
    if _POSSESSIVE.search(text) and len(text) > 3:
        text = text[:-2] if text.endswith(("'s", "’s")) else text[:-1]
    return text.strip(" -–—'\"’")


def _drop_note(text: str) -> str:
    """Drop a closing note like "(implied by context)": the first `(implied...` after the
    last-but-one `)`, up to the final `)`. Found with one bounded search, not by trying a
    pattern that runs to the end of the text at each position."""
    body = text.rstrip()
    if not body.endswith(")"):
        return text
    note = _PAREN.search(body, body.rfind(")", 0, len(body) - 1) + 1, len(body) - 1)
    return text[:note.start()].rstrip() if note else text


def is_noise(surface: str) -> bool:
    """True for spans that never name an entity."""
    text = surface.strip()
    low = " ".join(text.lower().split())
    if len(low) < 2 and low not in {"x"}:
        return True
    if low in HEADINGS or _TIMESTAMP.match(low) or _NUMBERISH.match(low):
        return True
    words = low.split()
    if all(w in PRONOUNS or w in DISCOURSE for w in words):
        return True
    if len(words) >= 2 and words[-1] in PRONOUNS and all(w in DISCOURSE or w in PRONOUNS for w in words[:-1]):
        return True
    if len(words) > 7:
        return True
    return not any(c.isalpha() for c in text)


_CONTRACTION = re.compile(r"([a-z]+)['’](?:m|re|s|ve|ll|d|t)")


def is_contraction(surface: str) -> bool:
    """A pronoun or function word with its contraction ("I’m", "That's"): never a name.

    >>> is_contraction("I’m"), is_contraction("That's"), is_contraction("McDonald's")
    (True, True, False)
    """
    found = _CONTRACTION.fullmatch(surface.strip().lower())
    return bool(found) and (found.group(1) in PRONOUNS or found.group(1) in DISCOURSE
                            or found.group(1) in {"don", "can", "won", "isn", "aren", "wasn", "doesn", "didn", "let"})


_CONNECTORS = frozenset("""of the and a an in on at to for with by from or vs de van von der den da di du la le
al el bin ibn y und et""".split())


def is_fragment(surface: str) -> bool:
    """Speech debris taken as a name: a word cut off ("that's- Sandman"), names run together with
    "etc" or a handle ("@ada_b"), or a capitalised name with a common lowercase word that no title
    or name joins with ("J the oh God", "Fri D ma N");
    "Ludwig van Beethoven", "The Art of War", "George R R Martin" and "Dan friberg" are names.
    (Titles in sentence case, "Attention is all you need", look like debris: kg.resolve does
    not judge Works by this.)

    >>> [is_fragment(s) for s in ("that's- Sandman", "Fri D ma N", "J the oh God", "Ludwig van Beethoven",
    ...                           "The Art of War", "iPhone X", "bell hooks", "Dan friberg", "George R R Martin",
    ...                           "Spider-Man - Into the Spider-Verse", "Ada Byron Etc Alan", "Instagram @ada_b")]
    [True, True, True, False, False, False, False, False, False, False, True, True]
    """
    words = surface.split()
    if any(len(w) > 1 and w.endswith(("-", "–")) for w in words):
        return True
    if len(words) >= 2 and any(w.lower().rstrip(".") == "etc" or w.startswith("@") for w in words):
        return True         # names in a row ("Jack Dorsey Etc Elon"), a name and a handle ("Instagram @ada_b")
    capitalised = [any(c.isupper() for c in w) for w in words]
    return any(capitalised) and any(not cap and w.isalpha() and w.lower() not in _CONNECTORS and word_zipf(w) >= 3.0
                                    for w, cap in zip(words, capitalised))      # "Dan friberg" is a name


def is_list(surface: str) -> bool:
    """Names in a row taken as one ("Netlify, Similarweb, Sanity", "Ada, Ada", "Austin, Texas",
    "Concur or Coupa"): two or more comma-separated parts, each capitalised, at most four words
    each, or two capitalised parts of at most three words joined by "or". Not a list: a
    company suffix ("Ork, Inc."), a part with an initial or an abbreviation ("Washington, D.C."),
    or parts joined at the end by "&" or "and" ("Earth, Wind & Fire", "Skadden, Arps, Slate,
    Meagher & Flom"); titles ("Eat, Pray, Love") are Works, which kg.resolve does not split.

    >>> [is_list(s) for s in ("Netlify, Similarweb, Sanity, Maze", "C, S", "Dr. Strangelove, or How I Learned",
    ...                       "Earth, Wind & Fire", "Washington, D.C.", "Thinking, Fast and Slow", "Concur or Coupa")]
    [True, True, False, False, False, False, True]
    """
    either = surface.split(" or ")
    if len(either) == 2 and "," not in surface:       # "Concur or Coupa"
        return all(p[:1].isupper() and len(p.split()) <= 3 and "." not in p for p in either)
    parts = [p.strip() for p in surface.split(",")]
    return len(parts) >= 2 and all(p[:1].isupper() and len(p.split()) <= 4 and "." not in p for p in parts) \
        and not any(p.lower() in {"inc", "ltd", "llc", "jr", "sr", "co", "corp"} for p in parts) \
        and not re.search(r"(?:&| and )", parts[-1])


def names_in_a_row(surface: str) -> bool:
    """A "title" of three or more one-word parts none of which is a common English word (Zipf
    under 4): brands NER took for one work ("Netlify, Similarweb, Sanity, Maze"), not a title
    ("Eat, Pray, Love").

    >>> names_in_a_row("Netlify, Similarweb, Sanity, Maze"), names_in_a_row("Eat, Pray, Love")
    (True, False)
    """
    parts = [p.strip() for p in surface.split(",")]
    return len(parts) >= 3 and all(len(p.split()) == 1 and word_zipf(p) < 4.0 for p in parts)


def list_head(surface: str) -> str:
    """The first name of names in a row (`is_list`): "Netlify" of "Netlify, Sanity", "Concur" of "Concur or Coupa"."""
    return re.split(r",| or ", surface)[0].strip()


# a domain before a path, its ending in lower case ("vanta.com/lenny", "Vanta.com/Lenny", a read-out
# "dot-com/lenny"), not names joined by a slash ("ASP.NET/Java", "Gen-AI/LLM")
_WEB_PATH = re.compile(r"(?i:://|^www\.)|\.(?:com|org|net|io|ai|co|app|dev|fm|tv|me|ly)/\w|(?:^|(?i:dot)-)com/\w")
_RUN = 200          # characters looked at either side of a span for its run without spaces


def in_web_address(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is part of a web address, a run without spaces with a domain
    before a path ("vanta.com/lenny", a read-out "dot-com/lenny", "com/lenny"): its path names no
    one. Names joined by a slash ("DeepMind/AlphaGo") and a name that is a whole address
    ("Bill.com") are left to the other tests.

    >>> t = "go to ork.com/lenny or ask Lenny at Bill.com about DeepMind/AlphaGo and AI/Software or ASP.NET/Java"
    >>> [in_web_address(t, t.find(w), t.find(w) + len(w)) for w in ("lenny", "Lenny", "Bill.com", "AlphaGo", "AI", "Java")]
    [True, False, False, False, False, False]
    """
    a, b = start, end
    while a > max(0, start - _RUN) and not text[a - 1].isspace():
        a -= 1
    while b < min(len(text), end + _RUN) and not text[b].isspace():
        b += 1
    run = text[a:b].rstrip(".,;:!?)]}\"'’”")
    return (a < start or end < a + len(run)) and bool(_WEB_PATH.search(run))


def had_prefix(surface: str) -> bool:
    """True when the surface starts with a discourse word ("Like OpenAI", "In Spain"):
    upstream tools that capitalise sentence starts produce these, so they need corroboration."""
    first = surface.strip().split(" ", 1)[0].lower()
    return first in DISCOURSE and len(surface.split()) > 1


# words after a model's name that make a variant of it ("GPT-4.5 Pro", "o3 mini"): kg.ruler, kg.evidence
MODEL_VARIANTS = frozenset({"pro", "mini", "turbo", "max", "ultra", "flash", "nano", "preview", "lite", "instant",
                            "thinking", "plus", "high", "low", "medium", "heavy", "deep"})
# names headed by these are companies, whatever NER said: "Quillfeather Labs"
ORG_SUFFIXES = {"labs", "lab", "inc", "inc.", "corp", "corp.", "corporation", "ltd", "llc", "gmbh", "technologies",
                "institute", "university", "foundation", "capital", "ventures", "partners", "research", "group",
                "company", "systems", "robotics", "ai"}
# names ending in these are shaped like organisations ("Thrasher Magazine", "Linux Foundation")
ORG_HEADS = ORG_SUFFIXES | {"association", "magazine", "agency", "bank", "council", "school", "college", "club",
                            "society", "department", "ministry", "network", "studios", "studio", "media", "press",
                            "records", "fund", "museum", "hospital", "office", "commission", "committee", "party",
                            "league", "union", "academy", "center", "centre", "times", "post", "journal", "news",
                            "federation", "trust", "clinic", "industries", "enterprises", "electronics", "motors",
                            "airlines", "insurance", "pharmaceuticals", "bureau", "army", "navy", "police",
                            "investors", "holdings", "international", "games", "films", "pictures", "entertainment",
                            "aerospace", "airways", "empire", "dynasty"}
# a name whose head is one of these is an idea, whatever NER said: "Fermat's Last Theorem", "Three Laws of Robotics"
CONCEPT_HEADS = {"equation", "equations", "conjecture", "theorem", "hypothesis", "paradox", "principle", "law", "laws",
                 "effect", "fallacy", "dilemma", "theory", "problem", "postulate", "lemma", "axiom", "axioms",
                 # events, treaties and doctrines are ideas too: "Oslo Accords", "Russian Civil War"
                 "war", "revolution", "crisis", "massacre", "famine", "pact", "treaty", "accord", "accords", "doctrine"}
# ... a work ("Deptford Trilogy", "Communist Manifesto"), a show ("Tim Ferriss Show")
WORK_HEADS = {"trilogy", "manifesto", "handbook", "saga", "chronicles", "memoir", "memoirs", "symphony", "sonata",
              "award", "awards", "prize"}     # a prize is a work of the graph ("Turing Award", "Darwin Award")
SHOW_HEADS = {"show", "podcast"}


def plural_of(head: str, heads) -> bool:
    """Whether a lowercase head word is one of `heads` with an "s" added ("groups" of "group"; not
    "companies", whose singular a name's head rarely is).

    >>> plural_of("groups", {"group"}), plural_of("companies", {"company"})
    (True, False)
    """
    return head.endswith("s") and head[:-1] in heads


def head_noun(name: str) -> str:
    """The head noun of a name: the word before "of", else the last word.

    >>> head_noun("Three Laws of Robotics"), head_noun("Quillfeather Labs")
    ('Laws', 'Labs')
    """
    words = name.split()
    lower = [w.lower() for w in words]
    return words[lower.index("of") - 1] if "of" in lower[1:] else words[-1]


@lru_cache(maxsize=100_000)
def word_zipf(word: str) -> float:
    """How common a word is in English (wordfreq's Zipf scale: 3 is once per million words).

    >>> word_zipf("imagine") > 4 > word_zipf("enthropic")
    True
    """
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")
