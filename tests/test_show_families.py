"""One host's show under two names (a renamed show, a show name heard two ways) is one Show whose
every episode has that host; a host's two shows at once, and another host's show, stay apart.
Fixtures are our own words."""
from conftest import build_files
from kg.episodes import renamed_shows, show_families
from kg.model import Document, Participant


def note(show, host, guest, date=None, title=None):
    lines = ["---", f"title: {title or guest + ' on looms'}", f"show: {show}", f"guest: {guest}"]
    lines += [f"host: {host}"] if host else []
    lines += [f"date: {date}"] if date else []
    return "\n".join(lines + ["---", f"{guest} talked about looms, punched cards and the patterns they weave.", ""])


GUESTS = ["Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Claude Shannon", "John Backus",
          "Frances Allen", "Niklaus Wirth", "Donald Knuth", "Tony Hoare"]


def test_a_renamed_show_is_one_show_and_its_host_hosts_every_episode(tmp_path):
    files = {}
    for i, guest in enumerate(GUESTS[:3]):          # the old name: only two episodes say who hosts
        files[f"old/{i}.md"] = note("Loom Hour", "Ada Byron" if i else None, guest)
    for i, guest in enumerate(GUESTS[3:7]):         # the new name, dated
        files[f"new/{i}.md"] = note("Weaving Talk", "Ada Byron", guest, date=f"2024-0{i + 1}-10")
    for i, guest in enumerate(GUESTS[7:10]):        # another host's show stays its own
        files[f"other/{i}.md"] = note("Spin Cast", "Alan Kay", guest)
    _, g = build_files(tmp_path, files)
    shows = {e.label: e for e in g.entities() if e.type == "Show"}
    assert sorted(shows) == ["Spin Cast", "Weaving Talk"]
    assert "Loom Hour" in shows["Weaving Talk"].aliases
    episodes = [e for e in g.entities() if e.type == "Episode"]
    hosted = {e.label: [n.entity.label for n in g.neighbors(e.id) if n.relation == "hosted_by"] for e in episodes}
    assert hosted["Grace Hopper on looms"] == ["Ada Byron"]          # its file names no host
    assert sum(h == ["Ada Byron"] for h in hosted.values()) == 7
    assert sum(h == ["Alan Kay"] for h in hosted.values()) == 3


def doc(i, show, host=None, date=None):
    return Document(id=str(i), source=f"{i}.txt", format="text", title=f"Episode {i}", show=show, date=date,
                    participants=[Participant(host, "host")] if host else [])


def test_a_host_heard_two_ways_and_a_show_name_heard_two_ways_are_one_family():
    docs = [doc(i, "Loom Hour", "Ada Quillman") for i in range(3)] + [doc(3, "Loom Houre"), doc(4, "Loom Houre")]
    docs += [doc(i, "Weaving Talk", "Ada Quilman") for i in range(5, 7)]
    assert show_families(docs) == {"loom hour": "loom hour", "loom houre": "loom hour", "weaving talk": "loom hour"}
    # names that sound alike but are spelt apart are two shows, and so are two hosts who sound alike
    apart = [doc(i, "Planet Money", "Dan Johnson") for i in range(3)] + [doc(i, "Planet Mine", "Dan Jensen")
                                                                          for i in range(3, 6)]
    assert show_families(apart) == {}


def test_a_hosts_two_shows_at_once_stay_two_shows_and_other_hosts_stay_apart():
    docs = [doc(i, "Loom Hour", "Ada Byron", f"2024-0{i + 1}-01") for i in range(3)]
    docs += [doc(i, "Weaving Talk", "Ada Byron", f"2024-0{i - 1}-15") for i in range(3, 6)]     # same months
    docs += [doc(i, "Spin Cast", "Ada Lovett") for i in range(6, 9)]     # another Ada, not the same sound
    assert show_families(docs) == {"loom hour": "loom hour", "weaving talk": "loom hour"}
    assert renamed_shows(docs) == {}
    undated = [doc(i, "Loom Hour", "Ada Byron") for i in range(3)] + [doc(i, "Weaving Talk", "Ada Byron")
                                                                       for i in range(3, 6)]
    assert renamed_shows(undated) == {}          # nothing says they are one show
    once = [doc(9, "Thread Notes", "Ada Byron")]          # a host named once says nothing of a show
    assert "thread notes" not in show_families(docs + once)
