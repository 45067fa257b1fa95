/**
 * Min-cost max-flow by successive shortest paths with Johnson potentials (Ahuja, Magnanti &
 * Orlin, "Network Flows", 1993, §9.7): each augmentation runs Dijkstra on reduced costs
 * c(u,v) + π(u) − π(v) ≥ 0, so the flow stays of minimum cost for its value at every step and
 * the last one is a minimum-cost maximum flow.
 *
 * Costs must be non-negative integers below 2^53 / n (the caller quantises): reduced costs are
 * then exact in doubles and never go spuriously negative. The graph is stored as CSR typed arrays
 * (each edge next to its reverse), Dijkstra uses an indexed binary heap with decrease-key and
 * stops as soon as the sink is settled; potentials are then raised by min(d(v), d(t)), which
 * keeps every residual reduced cost non-negative.
 */

export interface FlowNetworkBuilder {
  readonly n: number;
  /** Adds u → v; returns the edge's id, to read its flow with `flowOn` once solved. */
  addEdge(u: number, v: number, capacity: number, cost: number): number;
  build(): FlowNetwork;
}

export interface FlowNetwork {
  readonly n: number;
  /** Edges of node u: slots offsets[u] .. offsets[u+1]. */
  readonly offsets: Int32Array;
  readonly to: Int32Array;
  /** Slot of the reverse edge. */
  readonly rev: Int32Array;
  /** Residual capacity (mutated by `minCostFlow`). */
  readonly cap: Int32Array;
  readonly cost: Float64Array;
  /** CSR slot of the edge with builder id i. */
  readonly slotOf: Int32Array;
  /** Capacity each builder edge was created with. */
  readonly initialCap: Int32Array;
}

export function flowNetwork(n: number, expectedEdges = 16): FlowNetworkBuilder {
  let m = 0;
  let from = new Int32Array(expectedEdges);
  let to = new Int32Array(expectedEdges);
  let cap = new Int32Array(expectedEdges);
  let cost = new Float64Array(expectedEdges);
  function grow() {
    const size = from.length * 2;
    const f = new Int32Array(size);
    f.set(from);
    from = f;
    const t = new Int32Array(size);
    t.set(to);
    to = t;
    const c = new Int32Array(size);
    c.set(cap);
    cap = c;
    const k = new Float64Array(size);
    k.set(cost);
    cost = k;
  }
  return {
    n,
    addEdge(u, v, capacity, c) {
      if (!(c >= 0 && c <= Number.MAX_SAFE_INTEGER) || !Number.isInteger(c))
        throw new RangeError(`edge ${u} → ${v}: cost ${c} is not a non-negative safe integer`);
      if (m === from.length) grow();
      from[m] = u;
      to[m] = v;
      cap[m] = capacity;
      cost[m] = c;
      return m++;
    },
    build() {
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i < m; i++) {
        offsets[from[i]! + 1]!++;
        offsets[to[i]! + 1]!++;
      }
      for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;
      const fill = offsets.slice(0, n);
      const E = 2 * m;
      const net: FlowNetwork = {
        n,
        offsets,
        to: new Int32Array(E),
        rev: new Int32Array(E),
        cap: new Int32Array(E),
        cost: new Float64Array(E),
        slotOf: new Int32Array(m),
        initialCap: cap.slice(0, m),
      };
      for (let i = 0; i < m; i++) {
        const u = from[i]!;
        const v = to[i]!;
        const a = fill[u]!++;
        const b = fill[v]!++;
        net.to[a] = v;
        net.cap[a] = cap[i]!;
        net.cost[a] = cost[i]!;
        net.rev[a] = b;
        net.to[b] = u;
        net.cap[b] = 0;
        net.cost[b] = -cost[i]!;
        net.rev[b] = a;
        net.slotOf[i] = a;
      }
      return net;
    },
  };
}

/** Flow on the edge with builder id `edge` (after `minCostFlow`). */
export function flowOn(net: FlowNetwork, edge: number): number {
  return net.initialCap[edge]! - net.cap[net.slotOf[edge]!]!;
}

export interface FlowResult {
  flow: number;
  cost: number;
  augmentations: number;
}

/**
 * Sends as much flow as possible (at most `limit`) from s to t at minimum total cost, mutating
 * the residual capacities of `net`. Costs on forward edges must be non-negative integers.
 */
export function minCostFlow(
  net: FlowNetwork,
  s: number,
  t: number,
  limit = Number.POSITIVE_INFINITY,
): FlowResult {
  const { n, offsets, to, cap, cost, rev } = net;
  const pot = new Float64Array(n);
  const dist = new Float64Array(n);
  const prev = new Int32Array(n); // slot of the edge entering v on the shortest path
  const heap = new Int32Array(n);
  const pos = new Int32Array(n); // index in heap, -1 absent, -2 settled
  const INF = Number.POSITIVE_INFINITY;
  let flow = 0;
  let total = 0;
  let augmentations = 0;

  while (flow < limit) {
    dist.fill(INF);
    pos.fill(-1);
    dist[s] = 0;
    let size = 1;
    heap[0] = s;
    pos[s] = 0;
    let dt = INF;
    while (size > 0) {
      // pop min
      const u: number = heap[0]!;
      pos[u] = -2;
      size--;
      if (size > 0) {
        const last = heap[size]!;
        siftDown(heap, pos, dist, last, 0, size);
      }
      if (u === t) {
        dt = dist[t]!;
        break;
      }
      const du = dist[u]! + pot[u]!;
      for (let e: number = offsets[u]!, end: number = offsets[u + 1]!; e < end; e++) {
        if (cap[e]! <= 0) continue;
        const v = to[e]!;
        const pv = pos[v]!;
        if (pv === -2) continue;
        const nd = du + cost[e]! - pot[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          prev[v] = e;
          if (pv === -1) {
            pos[v] = size;
            heap[size] = v;
            size++;
            siftUp(heap, pos, dist, v, size - 1);
          } else siftUp(heap, pos, dist, v, pv);
        }
      }
    }
    if (dt === INF) break;
    for (let v = 0; v < n; v++) {
      const d = dist[v]!;
      pot[v]! += Math.min(d, dt);
    }
    let push = limit - flow;
    for (let v = t; v !== s; ) {
      const e = prev[v]!;
      if (cap[e]! < push) push = cap[e]!;
      v = to[rev[e]!]!;
    }
    for (let v = t; v !== s; ) {
      const e = prev[v]!;
      cap[e]! -= push;
      cap[rev[e]!]! += push;
      total += push * cost[e]!;
      v = to[rev[e]!]!;
    }
    flow += push;
    augmentations++;
  }
  return { flow, cost: total, augmentations };
}

function siftUp(heap: Int32Array, pos: Int32Array, key: Float64Array, v: number, i: number): void {
  const k = key[v]!;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pu = heap[parent]!;
    if (key[pu]! <= k) break;
    heap[i] = pu;
    pos[pu] = i;
    i = parent;
  }
  heap[i] = v;
  pos[v] = i;
}

function siftDown(
  heap: Int32Array,
  pos: Int32Array,
  key: Float64Array,
  v: number,
  i: number,
  size: number,
): void {
  const k = key[v]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && key[heap[c + 1]!]! < key[heap[c]!]!) c++;
    const cu = heap[c]!;
    if (key[cu]! >= k) break;
    heap[i] = cu;
    pos[cu] = i;
    i = c;
  }
  heap[i] = v;
  pos[v] = i;
}

/** Nodes reachable from s through edges with residual capacity (the source side of a min cut). */
export function residualReachable(net: FlowNetwork, s: number): Uint8Array {
  const seen = new Uint8Array(net.n);
  const stack = new Int32Array(net.n);
  let top = 0;
  stack[top++] = s;
  seen[s] = 1;
  while (top > 0) {
    const u = stack[--top]!;
    for (let e = net.offsets[u]!, end = net.offsets[u + 1]!; e < end; e++) {
      const v = net.to[e]!;
      if (net.cap[e]! > 0 && !seen[v]) {
        seen[v] = 1;
        stack[top++] = v;
      }
    }
  }
  return seen;
}
