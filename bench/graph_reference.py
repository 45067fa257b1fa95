#!/usr/bin/python3
"""Reference timings for bench/graph.ts: igraph (and optionally networkx) on an edge-list CSV.

Usage: /usr/bin/python3 bench/graph_reference.py EDGES.csv [--networkx] [--values OUT.json] [--n N]

EDGES.csv has a header `source,target[,weight]`; the graph is read unweighted (as the Polaris side
of the benchmark). Prints one JSON object on stdout with the timings (seconds) and, with --values,
writes the normalised betweenness per node id (networkx convention) to OUT.json for cross-checks;
--n N normalises with N nodes (isolated nodes are not in an edge list but count in (n-1)(n-2)).
PageRank and Louvain are timed three times (best kept): the first igraph PageRank call can pay a
one-off set-up cost.
Debian python3-igraph 0.10 / python3-networkx 2.8 under /usr/bin/python3.
"""

import csv
import json
import sys
import time

import igraph


def read_edges(path):
    index = {}
    ids = []
    edges = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            pair = []
            for key in ("source", "target"):
                node = row[key]
                if node not in index:
                    index[node] = len(ids)
                    ids.append(node)
                pair.append(index[node])
            if pair[0] != pair[1]:
                edges.append(tuple(pair))
    return ids, edges


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main(argv):
    path = argv[1]
    with_networkx = "--networkx" in argv
    values_path = argv[argv.index("--values") + 1] if "--values" in argv else None
    total_nodes = int(argv[argv.index("--n") + 1]) if "--n" in argv else None
    ids, edges = read_edges(path)
    g = igraph.Graph(n=len(ids), edges=edges, directed=False).simplify()
    n = g.vcount()
    if total_nodes is not None:
        g.add_vertices(total_nodes - n)
        n = total_nodes
    out = {"nodes": n, "edges": g.ecount(), "igraph_version": igraph.__version__}

    t, bc = timed(lambda: g.betweenness(directed=False))
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    out["igraph_betweenness_s"] = t
    out["igraph_pagerank_s"] = min(timed(lambda: g.pagerank(directed=False, damping=0.85))[0] for _ in range(3))
    runs = [timed(lambda: g.community_multilevel()) for _ in range(3)]
    out["igraph_louvain_s"] = min(t for t, _ in runs)
    clusters = runs[0][1]
    out["igraph_louvain_modularity"] = g.modularity(clusters.membership)
    out["igraph_louvain_communities"] = len(clusters)

    if with_networkx:
        import networkx as nx

        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(g.get_edgelist())
        t, nx_bc = timed(lambda: nx.betweenness_centrality(G))
        out["networkx_betweenness_s"] = t
        out["networkx_version"] = nx.__version__
        out["networkx_vs_igraph_max_abs_diff"] = max(
            (abs(nx_bc[v] - bc[v] * scale) for v in range(n)), default=0.0
        )

    if values_path:
        with open(values_path, "w") as f:
            json.dump({ids[v]: bc[v] * scale for v in range(len(ids))}, f)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
