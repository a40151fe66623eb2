"""What each mention of one document is (kg.decisions), read from that document alone: noise
rejection, the gazetteer (ruler key or alias table), entity-note aliases, first-name/surname
binding to the one matching full name of the episode, fuzzy/phonetic matching against the
gazetteer and the episode's own people and show, else the mention's own normalised name.
kg.resolve counts the decisions into clusters (and replays them from kg.cache).

>>> from kg.model import Document, Mention, Participant
>>> from kg.gazetteer import Gazetteer
>>> from kg.known_names import KnownNames
>>> gaz = Gazetteer.from_entries([{"key": "anthropic", "label": "Anthropic", "type": "Organization"}])
>>> doc = Document(id="d", source="d.txt", format="text", title="T", participants=[Participant("Ada Byron", "guest")])
>>> ms = [Mention("d", "Enthropic", "Organization", "ner", 0.6, 0, 9), Mention("d", "Ada", "Person", "ner", 0.6, 10, 13)]
>>> Decider(gaz, KnownNames(gaz)).decide(doc, ms).found
[('anthropic', 'fuzzy', 'Enthropic'), ('name:ada byron', 'first name', 'Ada')]
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from . import evidence, field_sense, person_names, support
from .clusters import local_key
from .decisions import Decisions
from .fixes import Fixes
from .gazetteer import Gazetteer, fold
from .known_names import PERSON_ROLES as _PERSON_ROLES, KnownNames
from .listings import listed, trusted
from .match import JOINED, THING_ALONE, FullNames, NameIndex, bound_rule, full_form, other_spellings, said_as_things
from .meant import as_meant, inside_a_name, names_nobody
from .model import Document, Mention
from .normalize import clean, is_contraction, is_fragment, is_list, is_noise, list_head, names_in_a_row, word_zipf
from .read.text import speech_recognition

RARE_NAME_ZIPF = 3.5         # a given name rarer than this in English text may stand for one known person
RULER_RULES = {"phonetic": "phonetic", "heard": "heard as (speech-recognition variant)",
               "sound-alike": "heard as a well-known name (sound and spelling; said right or heard two ways "
                              "in the episode)"}
SUFFIX_RULE = "name + organisation suffix"      # kg.known_names: "Sakana" for Sakana AI
SUFFIX_ZIPF = 3.0           # a word this common names a lab without its suffix only in full or near words of the field


def speakers(doc_id: str, labels: list[str]) -> list[Mention]:
    """A Person mention for each speaker label of a document (after its other mentions)."""
    return [Mention(doc_id, label, "Person", "metadata", 1.0, field="speaker") for label in labels]


class Decider:
    """Reads one document's mentions at a time (`decide`); holds that document's readings."""

    def __init__(self, gazetteer: Gazetteer, known: KnownNames, fixes: Fixes | None = None):
        self.gaz, self.known, self.fixes = gazetteer, known, fixes or Fixes(())
        self.first_names = known.first_names
        self.rejected: Counter = Counter()                  # why mentions of the document were rejected
        self._long_names: list[tuple[str, str, str]] = []   # (folded, name, type) of the episode's longer names
        self._spelled: dict[str, str] = {}                  # another spelling of an episode's name -> its name
        self._things: dict[str, int] = {}                    # one-word names the episode's NER calls things (said_as_things)
        self._alone: frozenset[str] = frozenset()           # the episode's one-word names, folded
        self._said: dict[str, bool] = {}                    # a lab's name -> said in full in the episode
        self._lowered: dict[str, bool] = {}                 # a word -> the episode writes it in lowercase
        self._edited = True                                 # the document is not raw speech recognition
        self._voices: set[str] = set()

    def decide(self, doc: Document, mentions: list[Mention]) -> Decisions:
        """What each mention of the document is (kg.decisions): nothing of another document is read."""
        self.rejected = Counter()
        self._edited = not speech_recognition(doc.text)
        self._voices = {t.speaker for t in doc.turns if t.speaker}         # a speaker label is somebody
        surfaces = [clean(m.surface) for m in mentions]           # cleaned once for the four readings below
        people = self._episode_people(doc, mentions, surfaces)
        self._things = said_as_things(zip(surfaces, (m.type for m in mentions)))
        self._alone = frozenset(fold(s) for s in surfaces if " " not in s)
        self._said, self._lowered = {}, {}
        self._spelled = other_spellings(people.names, Counter(s for s, m in zip(surfaces, mentions)
                                                              if m.type == "Person"),
                                        {p.name for p in doc.participants})
        names = {(c, m.type) for m in mentions if m.type not in ("Person", "")
                 and len((c := clean(m.surface)).split()) >= 2 and not is_noise(c)}
        self._long_names = sorted((fold(name), name, type_) for name, type_ in names)
        local = NameIndex([(p, local_key(p), "Person") for p in people.names]
                          + ([(doc.show, local_key(doc.show), "Show")] if doc.show else []))
        # a label naming a model or a product ("Gemini" reading a demo) is a voice, not a Person
        voices = {m.surface for m in mentions if m.field == "speaker"} | {t.speaker for t in doc.turns if t.speaker}
        voices = {v for v in voices if self._not_a_person(v, people)}
        labels = sorted({t.speaker for t in doc.turns if t.speaker and t.speaker not in voices})
        every = mentions + speakers(doc.id, labels)
        found, final = self._assign(doc, every, people, local, voices)
        cues, case = evidence.observed(doc.text, final, found, self.gaz.entries)
        return Decisions(labels, found, {i: n for i, (m, n) in enumerate(zip(every, final)) if m is not n},
                         dict(self.rejected), self._edited, cues, case)

    def _not_a_person(self, label: str, people: FullNames) -> bool:
        """A label the gazetteer knows as a model, company, idea, work or place, and not the name (or
        first name) of one of the episode's people: "Claude" is Claude Shannon when he takes part."""
        entry = self.gaz.lookup(label)
        return (entry is not None and entry.type in ("Model", "Organization", "Concept", "Work", "Place")
                and not any(fold(n) == fold(label) or fold(n).split()[0] == fold(label) for n in people.names))

    def _assign(self, doc: Document, mentions: list[Mention], people: FullNames, local: NameIndex,
                voices: set[str] = frozenset()) -> tuple[list[tuple[str, str, str] | None], list[Mention]]:
        """(key, rule, surface) or None for each mention, and each mention as it is meant."""
        # the label of a voice that is a model: what it says is not by a person, and its name in the text is
        # the model's (a typeless mention; the extraction's own mention is left as it was)
        voice = [m.field == "speaker" and m.surface in voices for m in mentions]
        meant = [replace(m, type="", field=None) if v and m.start is not None else self._meant(m, doc)
                 for m, v in zip(mentions, voice)]
        near = field_sense.Nearby(mentions, self.gaz.entries)           # built once per document
        meant = [None if n is not None and self._everyday(n, doc, near) else n for n in meant]
        refused = [m is None for m in meant]
        mentions = [m if n is None else n for m, n in zip(mentions, meant)]
        decided = [None if r or v and m.start is None else self._decide(m, people, local, doc.text)
                   for m, v, r in zip(mentions, voice, refused)]
        decided = self.fixes.decide(mentions, decided, self.name_key, self.rejected)
        mentions = [self._as_person(m, d, people, doc.text) for m, d in zip(mentions, decided)]
        # Independent evidence: NER or the gazetteer found it in the text, or the file names it as a
        # participant, show, wikilink or entity-note alias. Upstream entity lists (and the spans
        # their names match) only count when corroborated or trusted (kg.listings).
        strong = {d[0] for d, m in zip(decided, mentions) if d and m.start is not None and not listed(m)}
        trusted_keys = strong | self.fixes.made | {d[0] for d, m in zip(decided, mentions) if d and m.start is None
                                                   and listed(m) and trusted(m, d[0], self.gaz.entries)}
        found: list[tuple[str, str, str] | None] = []
        for m, d in zip(mentions, decided):
            if d is not None and listed(m) and d[0] not in trusted_keys:
                self.rejected["listed in metadata only, not corroborated"] += 1
                d = None
            found.append(d)
        return found, mentions

    def _meant(self, m: Mention, doc: Document) -> Mention | None:
        """The gazetteer's match `m` as meant where it stands (kg.meant.as_meant); None for an
        episode's term written inside a longer capitalised name ("Wuhan Institute of Virology", "the
        Board of Overseers"): part of that name, not the idea."""
        if m.field == "term" and m.start is not None and self._edited and inside_a_name(doc.text, m.start, m.end):
            self.rejected["a term written as part of a name"] += 1
            return None
        if not m.key or m.field or m.start is None or m.key not in self.gaz.entries:
            return m
        meant, why = as_meant(m, doc.text, self._edited, self.gaz)
        if why:
            self.rejected[f"a known name that is {why} there"] += 1
        return meant

    def _everyday(self, m: Mention, doc: Document, near: field_sense.Nearby) -> bool:
        """A known name not meant where it stands (kg.field_sense.not_meant): no node."""
        entry = self.gaz.entries.get(m.key) if m.key and not m.field else None
        why = entry and field_sense.not_meant(entry.type, doc, m, near, self._edited)
        if why:
            self.rejected[why] += 1
        return bool(why)

    def _episode_people(self, doc: Document, mentions: list[Mention], surfaces: list[str]) -> FullNames:
        """Full names of people in this episode: participants, then multi-word Person mentions
        (`surfaces`: the mentions' cleaned surfaces)."""
        names = [p.name for p in doc.participants if len(p.name.split()) >= 2]
        participants, said = frozenset(names), Counter()
        for m, s in zip(mentions, surfaces):
            words = fold(s).split()
            if m.type == "Person" and len(words) >= 2 and not is_noise(s) and len(set(words)) > 1 \
                    and not JOINED.intersection(words) and not support.no_name(s):
                names.append(s)         # not "Starship Starship", "Rich Men North of Richmond", "Terminator 2"
                said[s] += 1
        return FullNames(list(dict.fromkeys(names)), participants, said)

    def _somebody(self, full: str, people: FullNames) -> bool:
        """Whether a full name is surely somebody's: a participant's, a gazetteer person's, or said
        twice and starting with a given name (of the gazetteer's people or Faker's lists)."""
        return full in people.participants or self._gazetteer_person(full) or \
            people.said[full] >= 2 and support.given_name(full.split()[0], self.first_names)

    def _as_person(self, m: Mention, found: tuple[str, str, str] | None, people: FullNames, text: str) -> Mention:
        """A lone name bound to one of the episode's people is meant as that person, whatever NER's
        label ("Parker", bound to "Parker Conrad", is he), when the full name is a participant's, a
        gazetteer person's, or a given name and a surname the episode never writes in lowercase
        ("Apollo Astronauts" is nobody)."""
        if found is None or found[1] not in ("first name", "surname") or m.type in ("Person", ""):
            return m
        full = people.bind(found[2], sound=m.type == "Organization")      # as _decide bound it
        words = full.split() if full else []
        if full and (full in people.participants or self._gazetteer_person(full)
                     or person_names.is_given(words[0]) and words[-1][1:].islower()
                     and not self._written_lower(words[-1], text)):
            return replace(m, type="Person")
        return m

    def _gazetteer_person(self, name: str) -> bool:
        known = self.name_key(name, "person")
        entry = self.gaz.entries.get(known[0]) if known else None
        return entry is not None and entry.type == "Person"

    def _written_lower(self, word: str, text: str) -> bool:
        """Whether the episode's `text` writes `word` in lowercase, asked once per word and episode."""
        if word not in self._lowered:
            self._lowered[word] = re.search(rf"\b{re.escape(word.lower())}\b", text) is not None
        return self._lowered[word]

    def _decide(self, m: Mention, people: FullNames, local: NameIndex, text: str = "",
                respell: bool = True) -> tuple[str, str, str] | None:
        if m.name:                      # words heard as one of the episode's likely names (kg.asr)
            found = self._decide(replace(m, surface=m.name, name=None), people, local, text, respell)
            return found and (found[0], "heard as the episode's name (sound and spelling)", m.name)
        if m.key and m.key in self.gaz.entries:
            return m.key, RULER_RULES.get(m.field, "gazetteer"), m.surface
        if m.source != "ruler":                      # a name as speech recognition wrote it ("In video")
            heard = self.gaz.heard(m.surface, text if m.start is not None else m.context, m.start)
            if heard is not None:
                return heard[0].key, RULER_RULES["heard"], heard[1]
        if m.start is None and m.field in ("guest", "host") and m.surface not in self._voices \
                and names_nobody(m.surface, text):
            self.rejected["a guest or host field naming nobody"] += 1
            return None
        surface = clean(m.surface)
        if " " in surface and len(set(fold(surface).split())) == 1 and fold(surface.split()[0]) in self._alone:
            surface = surface.split()[0]          # a stutter, "Mike Mike" where "Mike" is said; not "Walla Walla"
        if is_noise(surface) or is_contraction(surface):
            self.rejected["noise"] += 1
            return None
        if m.field == "term" and people.names_a_participant(surface):
            self.rejected["an episode term that is a participant's name"] += 1
            return None         # "lex", "matt walker" in lowercase captions
        known = self.name_key(surface, m.field)
        if known and known[1] == SUFFIX_RULE and word_zipf(surface) >= SUFFIX_ZIPF \
                and not self._said_in_full(self.gaz.entries[known[0]].label, text) \
                and not field_sense.field_said_near(text, m):
            known = None        # "Apollo", "Scale": words, unless the episode says "Apollo Research" or the field is near
        if known:
            return known[0], known[1], surface
        if m.start is not None and is_list(surface) and (m.type != "Work" or names_in_a_row(surface)):
            # "Netlify, Sanity": the first of them ("Eat, Pray, Love" is a title)
            first = list_head(surface)
            at = text.find(first, m.start, m.end)
            self.rejected["a list of names: only its first kept"] += 1
            return self._decide(replace(m, surface=first, start=at, end=at + len(first)), people, local, text,
                                respell) if at >= 0 else None
        if respell and surface in self._spelled and (m.type in ("Person", "") or m.field in _PERSON_ROLES):
            # once: the other spelling may clean back to this one ("Ada (Review)" -> "Ada (Review")
            found = self._decide(replace(m, surface=self._spelled[surface], name=None), people, local, text, False)
            return found and (found[0], "fuzzy (another spelling of a name in the same episode)", surface)
        if len(surface.split()) == 1 and surface[:1].isupper() and m.source != "ruler":
            bound = people.bind(surface, sound=m.type in ("Person", "Organization", ""))
            if bound and surface in self._things and bound_rule(surface, bound) == "surname" \
                    and not self._somebody(bound, people) \
                    and (evidence.known_place(surface) or self._things[surface] >= THING_ALONE * people.said[bound]):
                bound = None        # "Nevada" is not the surname of "Laughlin Nevada" that NER once took for a person
            if bound:
                key = (self.name_key(bound, "person") or (local_key(bound),))[0]
                return key, bound_rule(surface, bound), surface
            # NER often types a lone given name as a place ("Demis"): a rare given name that only
            # one person of the gazetteer has is that person (a common one, "Dylan", is anyone's)
            if m.type in ("Person", "Place", "") and self.first_names.get(fold(surface)) \
                    and word_zipf(surface) < RARE_NAME_ZIPF:
                return self.first_names[fold(surface)], "first name (gazetteer, unique)", surface
        if surface[:1].isupper() or m.field in ("show", *_PERSON_ROLES):
            hit = local.best(surface, "Show" if m.field == "show" else None)
            if hit and fold(hit[0]) != fold(surface):
                key = (self.name_key(hit[0], m.field) or (local_key(hit[0]),))[0]
                return key, "fuzzy (episode metadata)", surface
        for joint in (" of ", " from ", " at "):
            head, _, tail = surface.partition(joint)
            if tail and head in people.known and tail[:1].isupper():
                # "Tomasz Wierzbicki of Quillfeather Labs": the person is a participant, the rest is the name
                at = text.find(tail, m.start, m.end) if m.start is not None else -1
                part = replace(m, surface=tail, **({"start": at, "end": at + len(tail)} if at >= 0 else {}))
                return self._decide(part, people, local, text, respell)
        if m.source != "metadata" and m.type != "Work" and is_fragment(surface):
            self.rejected["speech debris, not a name"] += 1
            return None
        prefix = fold(surface) + " "
        # a company is no place: "United" the airline is not the "United States" of the episode (NER's other
        # labels of an unknown word are weak: "Vestry Capital funded us, and Vestry was patient")
        longer = sorted({n for folded, n, type_ in self._longer(prefix) if n != surface and
                         (m.type, type_) != ("Organization", "Place")
                         and full_form(surface, n, m.type in ("Work", "Concept")     # a listing's type is a guess
                                       or (not m.type or m.source == "metadata") and type_ in ("Work", "Concept"))}) \
            if m.type in ("", "Place", "Organization", "Work") and len(surface) >= 4 and m.field != "term" else []
        if len(longer) == 1:
            target = longer[0]
            return (self.name_key(target) or (local_key(target),))[0], "partial name", surface
        return local_key(surface), "name", surface

    def _said_in_full(self, name: str, text: str) -> bool:
        """Whether the episode's `text` says `name` (case aside), asked once per name and episode."""
        if name not in self._said:
            self._said[name] = name.casefold() in text.casefold()
        return self._said[name]

    def _longer(self, prefix: str) -> list[tuple[str, str, str]]:
        """(folded, name, type) of the episode's longer names that start with `prefix` (sorted: no scan)."""
        i = bisect.bisect_left(self._long_names, (prefix,))
        out = []
        while i < len(self._long_names) and self._long_names[i][0].startswith(prefix):
            out.append(self._long_names[i])
            i += 1
        return out

    def name_key(self, name: str, field_: str | None = None) -> tuple[str, str] | None:
        """(cluster key, rule) for a name known to the gazetteer or an entity note, else None."""
        return self.known.key(name, field_)
