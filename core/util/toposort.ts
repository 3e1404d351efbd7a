// Topological sort with a deterministic tie-break and soft edges that may be cut to break cycles.
// Used to order creation DDL: among the nodes whose dependencies are done, the one with the
// lowest (priority, id) goes first, so output is stable whatever order objects came in.

export interface SortNode {
  id: string;
  priority: number;
  /** Must come before this node. Edges to unknown ids are ignored. */
  deps: Iterable<string>;
  /** Should come before this node, but may be cut when they form a cycle. */
  soft?: Iterable<string>;
}

export interface SortResult {
  order: string[];
  /** Soft edges that were cut: `[node, dependency]`. The caller emits them afterwards. */
  cut: [string, string][];
}

/** A binary min-heap of node positions; lower position = earlier in (priority, id) order. */
class Heap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(n: number): void {
    const a = this.items;
    a.push(n);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[i]! >= a[p]!) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

export function toposort(nodes: readonly SortNode[]): SortResult {
  const less = (a: SortNode, b: SortNode) =>
    a.priority < b.priority || (a.priority === b.priority && a.id < b.id);
  // Rank every node once by (priority, id), so the heap compares integers, not strings.
  const ranked = [...nodes].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  const rank = new Map(ranked.map((n, i) => [n.id, i]));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pending = new Map<string, Set<string>>(); // node -> unmet deps (hard and soft)
  const softOf = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes) {
    const unmet = new Set<string>();
    const soft = new Set<string>();
    for (const d of n.deps) if (d !== n.id && byId.has(d)) unmet.add(d);
    for (const d of n.soft ?? []) {
      if (d !== n.id && byId.has(d) && !unmet.has(d)) {
        unmet.add(d);
        soft.add(d);
      }
    }
    pending.set(n.id, unmet);
    softOf.set(n.id, soft);
    for (const d of unmet) {
      const list = dependents.get(d);
      if (list) list.push(n.id);
      else dependents.set(d, [n.id]);
    }
  }
  const ready = new Heap();
  for (const n of nodes) if (pending.get(n.id)!.size === 0) ready.push(rank.get(n.id)!);
  const order: string[] = [];
  const cut: [string, string][] = [];
  const done = new Set<string>();
  const release = (id: string) => {
    for (const dep of dependents.get(id) ?? []) {
      const unmet = pending.get(dep)!;
      if (unmet.delete(id) && unmet.size === 0 && !done.has(dep)) ready.push(rank.get(dep)!);
    }
  };
  while (order.length < nodes.length) {
    const next = ready.pop();
    if (next !== undefined) {
      const id = ranked[next]!.id;
      if (done.has(id)) continue;
      done.add(id);
      order.push(id);
      release(id);
      continue;
    }
    // A cycle: cut the soft edges of the first stuck node whose hard dependencies are all met.
    const pick = ranked.find((n) => {
      if (done.has(n.id)) return false;
      const soft = softOf.get(n.id)!;
      return [...pending.get(n.id)!].every((d) => soft.has(d));
    });
    if (!pick) {
      // Only hard edges remain in the cycle: emit the rest in priority order rather than loop.
      for (const n of ranked) if (!done.has(n.id)) order.push(n.id);
      break;
    }
    for (const d of pending.get(pick.id)!) cut.push([pick.id, d]);
    pending.get(pick.id)!.clear();
    ready.push(rank.get(pick.id)!);
  }
  return { order, cut };
}
