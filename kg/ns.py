"""The ontology's terms as closed namespaces: a typo is an error, not a new IRI.

`KGO` holds every class and property of `ontology/kg.ttl` (checked both ways by
tests/test_rdf.py); `SCHEMA` holds the few schema.org terms the export uses.

>>> str(KGO.mentions)
'https://w3id.org/kg-podcasts/ontology#mentions'
>>> str(ALIGNED_CLASS["Episode"])
'http://schema.org/PodcastEpisode'
>>> KGO.mentionz
Traceback (most recent call last):
...
AttributeError: term 'mentionz' not in namespace 'https://w3id.org/kg-podcasts/ontology#'
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-podcasts/ontology"
WIKIDATA = Namespace("http://www.wikidata.org/entity/")


class KGO(DefinedNamespace):
    """Classes and properties of the kg ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Model: URIRef
    Concept: URIRef
    Episode: URIRef
    Show: URIRef
    Place: URIRef
    Work: URIRef
    Relationship: URIRef
    Evidence: URIRef
    MergeDecision: URIRef
    Chapter: URIRef

    partOf: URIRef
    hostedBy: URIRef
    features: URIRef
    mentions: URIRef
    discusses: URIRef
    coOccursWith: URIRef
    sponsoredBy: URIRef

    relSubject: URIRef
    relObject: URIRef
    relation: URIRef
    weight: URIRef
    score: URIRef
    confidence: URIRef
    evidenceCount: URIRef
    origin: URIRef
    evidence: URIRef
    episode: URIRef
    speaker: URIRef
    seconds: URIRef
    quote: URIRef
    sourceFile: URIRef

    mentionCount: URIRef
    degree: URIRef
    betweenness: URIRef
    community: URIRef
    gazetteerKey: URIRef
    format: URIRef
    stub: URIRef
    merge: URIRef
    surface: URIRef
    rule: URIRef
    chapter: URIRef
    startSeconds: URIRef
    position: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms kg uses (http://schema.org/, as most triple stores expect)."""

    _NS = Namespace("http://schema.org/")
    _fail = True

    Person: URIRef
    Organization: URIRef
    SoftwareApplication: URIRef
    PodcastEpisode: URIRef
    PodcastSeries: URIRef
    Place: URIRef
    CreativeWork: URIRef
    mentions: URIRef
    partOfSeries: URIRef
    actor: URIRef
    datePublished: URIRef
    url: URIRef


RELATION_PROPERTY = {
    "part_of": KGO.partOf, "hosted_by": KGO.hostedBy, "features": KGO.features,
    "mentions": KGO.mentions, "discusses": KGO.discusses, "co_occurs_with": KGO.coOccursWith,
    "sponsored_by": KGO.sponsoredBy,
}

# Each entity is typed with its kgo class and with this standard class, so that
# `?x a schema:Person` works in a store without RDFS reasoning.
ALIGNED_CLASS = {
    "Person": SCHEMA.Person, "Organization": SCHEMA.Organization, "Model": SCHEMA.SoftwareApplication,
    "Concept": SKOS.Concept, "Episode": SCHEMA.PodcastEpisode, "Show": SCHEMA.PodcastSeries,
    "Place": SCHEMA.Place, "Work": SCHEMA.CreativeWork,
}

# Prefixes of the vocabularies (the entity prefixes are added by kg.rdf.prefixes).
VOCABULARY_PREFIXES = {
    "kgo": str(KGO), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
    "skos": str(SKOS), "schema": str(SCHEMA), "foaf": str(FOAF), "prov": str(PROV), "wd": str(WIKIDATA),
}
