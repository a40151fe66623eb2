"""kg.analytics: betweenness counted by igraph equals networkx's sampled estimate."""
import networkx as nx
import pytest

from kg.analytics import betweenness


@pytest.mark.parametrize("k", [None, 7, 60])
def test_betweenness_equals_networkx_with_the_same_sample(k):
    g = nx.gnm_random_graph(120, 300, seed=5)
    g.add_nodes_from(range(500, 504))                       # isolated nodes are in the sample pool too
    ours = betweenness(g, k=k, seed=42)
    theirs = nx.betweenness_centrality(g, k=k, seed=42, normalized=True)
    assert ours.keys() == theirs.keys()
    assert max(abs(ours[v] - theirs[v]) for v in g) < 1e-12
    assert max(ours.values()) > 0.01


def test_betweenness_of_a_star_is_one_at_the_centre_and_zero_at_the_leaves():
    b = betweenness(nx.star_graph(6))
    assert b[0] == pytest.approx(1.0) and all(b[v] == 0 for v in range(1, 7))
    assert betweenness(nx.path_graph(2)) == {0: 0.0, 1: 0.0}
