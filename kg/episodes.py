"""Episodes: the documents of one episode (a note and its transcript, a page and a listing
stub of the same episode elsewhere) share a key, its video id or its title.

>>> from kg.model import Document
>>> a = Document(id="a", source="a.md", format="note", title="Ep 1", url="https://youtu.be/abcdefghijk")
>>> b = Document(id="b", source="b.txt", format="transcript", title="Episode one", url="https://www.youtube.com/watch?v=abcdefghijk")
>>> list(episode_groups([a, b]).values())[0][0], [d.id for d in list(episode_groups([a, b]).values())[0][1]]
('Ep 1', ['a', 'b'])
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from .escape import youtube_id
from .gazetteer import fold
from .model import Document, Participant
from .read.participants import GUEST_SHARE, word_shares
from .sounds import codes


def episode_key(doc: Document) -> str:
    """Documents of the same episode share a key: its video id or its (show, title)."""
    vid = youtube_id(doc.url)
    return "episode:youtube:" + vid if vid else "episode:" + fold(doc.title)


def episode_groups(documents: Sequence[Document]) -> dict[str, tuple[str, list[Document]]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in documents:
        groups[episode_key(d)].append(d)
    out = {}
    for key, docs in groups.items():
        main = main_document(docs)
        out[key] = (episode_title(main.title, main.show), docs)
    return out


_NUMBER = re.compile(r"^(?:(?:episode|ep\.?)\s*)?#?(?!(?:19|20)\d\d\s*:)\d{1,4}\s*[-–—:|.]\s+(?=\S)", re.I)


def episode_title(title: str | None, show: str | None) -> str | None:
    """An episode's title without the wrapping pages and feeds put around it: a trailing show name
    ("… | Loom Talk", "… - Loom Talk #12"), then a leading episode number ("#398 – ", "Ep. 12: ";
    a year is no number: "2024: Year in Review"). Whitespace is made single; what would be
    left empty, or only the show's name, leaves the title as it was.

    >>> episode_title("#398 – Ada Byron: Engines | Loom Talk Podcast", "Loom Talk Podcast")
    'Ada Byron: Engines'
    >>> episode_title("Ep. 12: Why looms matter - Loom Talk #12", "Loom Talk"), episode_title("2049", None)
    ('Why looms matter', '2049')
    >>> episode_title("Episode 12 - Loom Talk", "Loom Talk"), episode_title("2024: Year in Review", None)
    ('Episode 12', '2024: Year in Review')
    """
    if not title:
        return title
    out = " ".join(title.split())
    if show:
        out = re.sub(rf" [|–—-] ?(?:the )?{re.escape(' '.join(show.split()))}(?: ?(?:#|ep\.? ?|episode )?\d+)?$", "",
                     out, flags=re.I)
    out = _NUMBER.sub("", out).strip()
    return out if out and fold(out) != fold(show or "") else title


def main_document(docs: list[Document]) -> Document:
    """The document that speaks for an episode: a full one before a listing stub, then by file."""
    return min(docs, key=lambda d: (d.format == "listing", d.source))


def episode_attrs(docs: list[Document]) -> dict:
    """Attributes of the Episode node: date, URL, chapters, formats read, and whether it is only a listing stub."""
    main = main_document(docs)
    chapters = main.chapters or next((d.chapters for d in docs if d.chapters), [])
    attrs = {"date": main.date, "url": next((d.url for d in docs if d.url), None),
             "chapters": [{"title": c.title, "seconds": c.seconds} if c.seconds is not None else {"title": c.title}
                          for c in chapters],
             "formats": sorted({d.format for d in docs}), "stub": all(d.format == "listing" for d in docs)}
    return {k: v for k, v in attrs.items() if v not in (None, [], False)}


HOST_MIN_EPISODES = 3
FAMILY_MIN_EPISODES = 2     # a show whose episodes name its host twice can be known by that host


def assign_show_hosts(documents: Sequence[Document], families: dict[str, str] | None = None
                      ) -> dict[str, list[Participant]]:
    """A person who takes part in more than half of a show's episodes, and in at least
    HOST_MIN_EPISODES, hosts it: episodes of that show that name no host get that person as host
    (their other speakers become guests). Names are compared by first word, so a label "Ada" and
    "Ada Byron" elsewhere count as one person, called by the full name when one is known.
    Returns, per document, the participants whose role this gave or changed.

    >>> from kg.model import Participant
    >>> docs = [Document(id=str(i), source=f"{i}.md", format="transcript", title=f"Ep {i}", show="Loom Talk",
    ...                  participants=[Participant("Ada" if i else "Ada Byron", "speaker"),
    ...                                Participant(f"Guest{i} Person", "speaker")]) for i in range(3)]
    >>> changed = assign_show_hosts(docs)
    >>> [(p.name, p.role) for p in docs[1].participants], [(p.name, p.role) for p in changed["1"]]
    ([('Ada Byron', 'host'), ('Guest1 Person', 'guest')], [('Ada Byron', 'host'), ('Guest1 Person', 'guest')])
    """
    shows: dict[str, list[Document]] = defaultdict(list)
    family = show_families(documents) if families is None else families
    for d in documents:
        if d.show and d.format != "listing":
            shows[family.get(fold(d.show), fold(d.show))].append(d)
    changed: dict[str, list[Participant]] = {}
    for key in sorted(shows):
        docs = shows[key]
        seen, forms = Counter(), defaultdict(Counter)
        for d in docs:
            seen.update({_first(p.name) for p in d.participants})
            for p in d.participants:
                forms[_first(p.name)][p.name] += 1
        for first, n in sorted(seen.items()):
            if n < HOST_MIN_EPISODES or n * 2 <= len(docs):
                continue
            # the full name most used, else the label most used
            name = min(forms[first].items(), key=lambda kv: (" " not in kv[0].strip(), -kv[1], kv[0]))[0]
            for d in docs:
                done = _make_host(d, first, name)
                if done:
                    changed[d.id] = done
    return changed


def show_families(documents: Sequence[Document]) -> dict[str, str]:
    """Show names that are one host's show: each show's own host (the host its episodes name most,
    in FAMILY_MIN_EPISODES of them or more) compared by sound, word by word ("Lex Friedman" and "Lux
    Fridman" heard for one man), so a show renamed ("the Artificial Intelligence podcast", later
    "the Lex Fridman Podcast") is one family; so are show names that sound the same ("Lex Friedman
    Podcast", "Lex Fridman Podcast"). Returns folded show name ->
    the folded name of its family (the name of most episodes), for shows in a family of two or more.

    >>> from kg.model import Participant
    >>> def ep(i, show, host):
    ...     return Document(id=str(i), source=f"{i}.txt", format="transcript", title=f"Ep {i}", show=show,
    ...                     participants=[Participant(host, "host")] if host else [])
    >>> docs = [ep(i, "Loom Hour", "Ada Byron") for i in range(4)] + [ep(i, "Weaving Talk", "Ada Byronn")
    ...         for i in range(4, 7)] + [ep(7, "Weaving Talk", None), ep(8, "Spin Cast", "Alan Turing")]
    >>> show_families(docs)
    {'loom hour': 'loom hour', 'weaving talk': 'loom hour'}
    """
    episodes: Counter = Counter()
    hosts: dict[str, Counter] = defaultdict(Counter)
    spelt: dict[tuple[str, tuple], str] = {}            # (show, host's voice) -> how its episodes spell the host
    for d in documents:
        if d.show and d.format != "listing":
            show = fold(d.show)
            episodes[show] += 1
            for p in d.participants:
                if p.role == "host":
                    voice = _voice(p.name)
                    hosts[show][voice] += 1
                    spelt.setdefault((show, voice), fold(p.name))
    parent = {show: show for show in episodes}

    def top(show: str) -> str:
        while parent[show] != show:
            show = parent[show]
        return show

    first: dict[tuple, str] = {}
    for show in sorted(episodes):
        voice, n = min(hosts[show].items(), key=lambda kv: (-kv[1], kv[0]), default=((), 0))
        keys = [("show", _voice(show))] + ([("host", voice)] if len(voice) > 1 and n >= FAMILY_MIN_EPISODES else [])
        for key in keys:                  # a one-word host ("Jane", "John": one sound) makes no family
            other = first.setdefault(key, show)
            if other != show and (_spelt_alike(show, other) if key[0] == "show" else
                                  _spelt_alike(spelt[show, voice], spelt[other, voice])):
                parent[top(show)] = top(other)
    families: dict[str, list[str]] = defaultdict(list)
    for show in sorted(episodes):
        families[top(show)].append(show)
    out: dict[str, str] = {}
    for shows in families.values():
        if len(shows) > 1:
            name = min(shows, key=lambda s: (-episodes[s], s))
            out.update({s: name for s in shows})
    return out


def renamed_shows(documents: Sequence[Document], families: dict[str, str] | None = None) -> dict[str, str]:
    """The show names of a family (`show_families`) that are one show under another name: the name
    spelt another way, and a name whose episodes did not run at the same time as another name's of
    the family, where some of its names are dated (a host's two shows at once stay two; undated
    names of one host stay apart: nothing says they are one show). Folded show name -> folded
    family name, for the names that join another.

    >>> from kg.model import Participant
    >>> def ep(i, show, date):
    ...     return Document(id=str(i), source=f"{i}.txt", format="transcript", title=f"Ep {i}", show=show,
    ...                     date=date, participants=[Participant("Ada Byron", "host")])
    >>> old = [ep(i, "Loom Hour", None) for i in range(3)]
    >>> new = [ep(i, "Weaving Talk", f"2024-0{i - 2}-01") for i in range(3, 7)]
    >>> renamed_shows(old + new), renamed_shows(new + [ep(i, "Loom Hour", "2024-02-15") for i in range(3)])
    ({'loom hour': 'weaving talk'}, {})
    """
    families = show_families(documents) if families is None else families
    dates: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        if d.show and d.date and fold(d.show) in families:
            dates[fold(d.show)].append(d.date)
    span = {show: (min(ds), max(ds)) for show, ds in dates.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for show, name in families.items():
        members[name].append(show)

    def one_after_another(show: str, name: str) -> bool:
        """Some name of the family is dated, and `show`'s dates meet no other name's."""
        others = [o for o in members[name] if o != show]
        return any(o in span for o in others + [show]) and not (show in span and any(
            o in span and span[show][0] <= span[o][1] and span[o][0] <= span[show][1] for o in others))
    return {show: name for show, name in sorted(families.items()) if show != name
            and (_voice(show) == _voice(name) and _spelt_alike(show, name) or one_after_another(show, name))}


def _voice(name: str) -> tuple[str, ...]:
    """A name as heard: each word's first letter and main Double Metaphone code, a word with a
    digit as written ("Lex Friedman" = "Lex Fridman"; "Dan Johnson" is not "Dan Jensen" only by the
    spelling test of its callers; "Web3" is not "Web2")."""
    return tuple(w if any(c.isdigit() for c in w) else w[:1] + codes(w)[0]
                 for w in fold(name).replace("-", " ").split())


SPELT_ALIKE = 90          # rapidfuzz ratio of two names that sound the same and are one name


def _spelt_alike(a: str, b: str) -> bool:
    """Two names spelt close ("lex fridman podcast", "lex friedman podcast"; not "planet money",
    "planet mine")."""
    return fuzz.ratio(a, b) >= SPELT_ALIKE


def _first(name: str) -> str:
    return fold(name).split(" ", 1)[0]


def _make_host(doc: Document, first: str, name: str) -> list[Participant]:
    hosts = [p for p in doc.participants if p.role == "host"]
    if hosts:                                # "I'm Ada" on a show Ada Byron hosts: that is Ada Byron
        named = [p for p in hosts if " " not in p.name.strip() and _first(p.name) == first and " " in name]
        for p in named:
            p.name = name
        return named
    # the document's own spelling of the host's full name ("Lex Fridman" where captions heard "Lex Friedman")
    name = next((p.name for p in doc.participants if _first(p.name) == first and " " in p.name.strip()
                 and _voice(p.name) == _voice(name)), name)
    people = [p for p in doc.participants         # the host, by first or full name; another Ada stays
              if not (_first(p.name) == first and (" " not in p.name.strip() or fold(p.name) == fold(name)))]
    host = Participant(name, "host")
    shares = word_shares(doc.turns)
    # a voice heard for a moment (an ad read, a clip) speaks but is not a guest
    guests = [p for p in people if p.role == "speaker" and (not shares or shares.get(p.name, 0) >= GUEST_SHARE)]
    for p in guests:
        p.role = "guest"
    doc.participants = sorted([host, *people], key=lambda p: ({"host": 0, "guest": 1}.get(p.role, 2), p.name))
    return [host, *guests]


SAME_BODY = 0.5             # share of word 5-grams two transcripts of one episode have in common


def separate_copies(documents: Sequence[Document]) -> list[tuple[str, str]]:
    """Transcripts that share an episode key (a video id or a title) but not their words are different
    episodes whose front matter was copied from one to the other. The transcript whose title names its
    own guest keeps the facts; each other one loses the copied title, video URL and date (so no deep
    link points into another episode's video) and is reported as (file, message); so is a second copy
    of one transcript (read as one episode).

    >>> from kg.model import Participant, Turn
    >>> def ep(source, guest, words):
    ...     return Document(id=source, source=source, format="transcript", title="Looms | Ada Byron",
    ...                     url="https://youtu.be/abcdefghijk", text=words, turns=[Turn(words, 0, len(words))],
    ...                     show="Loom Talk", participants=[Participant(guest, "guest")])
    >>> a = ep("ada/t.md", "Ada Byron", "Ada Byron here, one two three four five six seven eight")
    >>> b = ep("alan/t.md", "Alan Turing", "Alan Turing here, nine ten eleven twelve thirteen fourteen")
    >>> [f for f, _ in separate_copies([a, b])], (b.title, b.url), a.url is not None
    (['alan/t.md'], ('Loom Talk with Alan Turing', None), True)
    """
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in documents:
        if d.turns and d.format != "listing":
            groups[episode_key(d)].append(d)
    problems = []
    for key in sorted(k for k, docs in groups.items() if len(docs) > 1):      # one file per episode: nothing to compare
        bodies: list[tuple[set, list[Document]]] = []
        for d in sorted(groups[key], key=lambda d: d.source):
            grams = _grams(d)
            same = next((b for b in bodies if _overlap(grams, b[0]) >= SAME_BODY), None)
            if same:
                same[1].append(d)
            else:
                bodies.append((grams, [d]))
        for _, docs in bodies:
            problems.extend((d.source, f"the same transcript as {docs[0].source}: read as one episode")
                            for d in docs[1:])
        if len(bodies) < 2:
            continue
        owner = next((docs for _, docs in bodies if any(_guest_in_title(d) for d in docs)), bodies[0][1])
        for _, docs in bodies:
            if docs is owner:
                continue
            for d in docs:
                _strip_copied(d)
                problems.append((d.source, f"front matter repeats that of {owner[0].source} (same episode, another "
                                           "transcript): its title, video URL and date are ignored; fix the file's "
                                           "front matter"))
    return problems


def _grams(doc: Document, chars: int = 4000) -> set[tuple[str, ...]]:
    start = doc.turns[0].start
    words = doc.text[start:start + chars].lower().split()
    return {tuple(words[i:i + 5]) for i in range(max(len(words) - 4, 1))}


def _overlap(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _guest_in_title(doc: Document) -> bool:
    """A guest named in the title who is heard in the transcript (a label, or named in the text)."""
    title = fold(doc.title or "")
    return any(fold(p.name) in title and _heard(doc, p.name) for p in doc.participants if p.role == "guest")


def _heard(doc: Document, name: str) -> bool:
    speakers = {fold(t.speaker) for t in doc.turns if t.speaker}
    return fold(name) in speakers or _first(name) in speakers or fold(name) in fold(doc.text)


def _strip_copied(doc: Document) -> None:
    doc.participants = [p for p in doc.participants if p.role != "guest" or _heard(doc, p.name)]
    guests = [p.name for p in doc.participants if p.role == "guest"]
    doc.url = doc.date = None
    doc.title = f"{doc.show} with {' & '.join(guests)}" if doc.show and guests else doc.source
