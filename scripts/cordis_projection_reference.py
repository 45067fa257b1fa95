#!/usr/bin/python3
"""Reference figures for the organisation-organisation projection of Belgian H2020 partners.

Command that produced test/fixtures/cordis-be-projection/reference.json (run from the repository
root; Debian python3-networkx 2.8 under /usr/bin/python3, not the python3 on PATH):

    /usr/bin/python3 scripts/cordis_projection_reference.py \
        ../shared/data/validation/cordis-h2020-be/h2020_BE_participations.csv \
        test/fixtures/cordis-be-projection/reference.json

Input: one row per Belgian organisation's participation in one H2020 project (SOURCE.txt beside
the file): `pic` identifies the organisation, `rcn` the project. The projection keeps the projects
with 2 or more distinct Belgian organisations; two organisations are linked when they share a
project, weight = number of shared projects (networkx bipartite.weighted_projected_graph).
Degree and betweenness (normalised, unweighted, exact) are the figures Polaris checks against.
"""

import csv
import hashlib
import json
import sys
import time
from collections import defaultdict

import networkx as nx
from networkx.algorithms import bipartite

TOP = 10


def top(values, k=TOP):
    """The k highest (value desc, id asc) and every id tied with the k-th value (ties at the cut)."""
    ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    head = [{"id": n, "value": v} for n, v in ranked[:k]]
    cut = ranked[k - 1][1]
    tied = sorted(n for n, v in values.items() if abs(v - cut) <= 1e-12)
    return {"top": head, "cutValue": cut, "tiedAtCut": tied}


def main(src, out):
    started = time.time()
    with open(src, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    members = defaultdict(set)
    for r in rows:
        members[r["rcn"].strip()].add(r["pic"].strip())
    kept = {p: orgs for p, orgs in members.items() if len(orgs) >= 2}

    B = nx.Graph()
    orgs = set()
    for p, ps in kept.items():
        B.add_node(("project", p), bipartite=1)
        for o in ps:
            B.add_node(("org", o), bipartite=0)
            B.add_edge(("org", o), ("project", p))
            orgs.add(o)
    P = bipartite.weighted_projected_graph(B, [("org", o) for o in orgs])
    G = nx.relabel_nodes(P, {n: n[1] for n in P.nodes})

    degree = dict(G.degree())
    strength = dict(G.degree(weight="weight"))
    betweenness = nx.betweenness_centrality(G, normalized=True)
    components = list(nx.connected_components(G))
    weights = [d["weight"] for _, _, d in G.edges(data=True)]

    ref = {
        "source": "../shared/data/validation/cordis-h2020-be/h2020_BE_participations.csv",
        "sourceSha256": digest,
        "command": "/usr/bin/python3 scripts/cordis_projection_reference.py "
        "../shared/data/validation/cordis-h2020-be/h2020_BE_participations.csv "
        "test/fixtures/cordis-be-projection/reference.json",
        "networkx": nx.__version__,
        "python": sys.version.split()[0],
        "definition": "organisation = pic, project = rcn; projects with >= 2 distinct Belgian pics; "
        "edge weight = shared projects (bipartite.weighted_projected_graph); "
        "betweenness = betweenness_centrality(normalized=True), unweighted, exact",
        "participations": len(rows),
        "projects": len(members),
        "organisations": len({r["pic"].strip() for r in rows}),
        "projectsWithTwoOrMore": len(kept),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "totalWeight": sum(weights),
        "maxWeight": max(weights),
        "density": nx.density(G),
        "components": len(components),
        "largestComponent": max(len(c) for c in components),
        "degree": top(degree),
        "strength": top(strength),
        "betweenness": top(betweenness),
        "seconds": round(time.time() - started, 1),
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(ref, f, indent=2)
        f.write("\n")
    print(f"{ref['nodes']} nodes, {ref['edges']} edges, {ref['components']} components, {ref['seconds']} s")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
