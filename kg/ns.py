"""The ontology's terms as closed namespaces: a typo is an error, not a new IRI.

Checked against `ontology/kg.ttl` by the test suite.

>>> str(KGO.mentions)
'https://w3id.org/kg-podcasts/ontology#mentions'
>>> KGO.mentionz
Traceback (most recent call last):
...
AttributeError: term 'mentionz' not in namespace 'https://w3id.org/kg-podcasts/ontology#'
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-podcasts/ontology"
SCHEMA = Namespace("http://schema.org/")
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

    partOf: URIRef
    hostedBy: URIRef
    features: URIRef
    mentions: URIRef
    discusses: URIRef
    coOccursWith: URIRef

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


RELATION_PROPERTY = {
    "part_of": KGO.partOf, "hosted_by": KGO.hostedBy, "features": KGO.features,
    "mentions": KGO.mentions, "discusses": KGO.discusses, "co_occurs_with": KGO.coOccursWith,
}
