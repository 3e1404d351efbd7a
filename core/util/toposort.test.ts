// Unit tests of the deterministic topological sort that orders creation DDL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type SortNode, toposort } from './toposort.ts';

const node = (id: string, priority: number, deps: string[] = [], soft?: string[]): SortNode =>
  soft ? { id, priority, deps, soft } : { id, priority, deps };

/** Every permutation of `items` (for the small lists used here). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/** Asserts that every `[node, dep]` pair not listed in `cut` has dep before node. */
function assertRespects(order: string[], edges: [string, string][], cut: [string, string][] = []): void {
  const pos = new Map(order.map((id, i) => [id, i]));
  for (const [from, to] of edges) {
    if (cut.some(([a, b]) => a === from && b === to)) continue;
    assert.ok(pos.get(to)! < pos.get(from)!, `${to} must come before ${from} in ${order.join(', ')}`);
  }
}

describe('toposort', () => {
  test('empty input', () => {
    assert.deepEqual(toposort([]), { order: [], cut: [] });
  });

  test('without dependencies: lowest priority first, then id (code point order)', () => {
    const { order, cut } = toposort([node('b', 2), node('a', 2), node('z', 1), node('B', 2), node('c', 0)]);
    assert.deepEqual(order, ['c', 'z', 'B', 'a', 'b']);
    assert.deepEqual(cut, []);
  });

  test('dependencies override priority', () => {
    // `first` has the lowest priority but needs `late`, which needs `mid`.
    const nodes = [node('first', 0, ['late']), node('late', 9, ['mid']), node('mid', 5), node('other', 1)];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(order, ['other', 'mid', 'late', 'first']);
    assert.deepEqual(cut, []);
  });

  test('a released node competes by priority with the ones already ready', () => {
    // After `a`, both `x` (priority 3) and `b` (priority 2, released by `a`) are ready: `b` wins.
    const { order } = toposort([node('a', 1), node('x', 3), node('b', 2, ['a'])]);
    assert.deepEqual(order, ['a', 'b', 'x']);
  });

  test('diamond', () => {
    const nodes = [
      node('top', 0, ['l', 'r']),
      node('l', 1, ['base']),
      node('r', 1, ['base']),
      node('base', 5),
    ];
    assert.deepEqual(toposort(nodes).order, ['base', 'l', 'r', 'top']);
  });

  test('unknown dependencies (hard and soft) and self-references are ignored', () => {
    const nodes = [
      node('a', 1, ['missing', 'a'], ['also-missing', 'a']),
      node('b', 0, ['a', 'ghost']),
      node('c', 0, [], ['nowhere']),
    ];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(order, ['c', 'a', 'b']);
    assert.deepEqual(cut, []);
  });

  test('soft edges are respected, and not cut, when there is no cycle', () => {
    const nodes = [node('child', 0, [], ['parent']), node('parent', 1), node('x', 2, [], ['child'])];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(order, ['parent', 'child', 'x']);
    assert.deepEqual(cut, []);
  });

  test('a soft edge that duplicates a hard one is hard', () => {
    const nodes = [node('a', 0, ['b'], ['b']), node('b', 1, [], ['a'])];
    // a -> b is hard, b -> a soft: only b's soft edge can be cut.
    const { order, cut } = toposort(nodes);
    assert.deepEqual(order, ['b', 'a']);
    assert.deepEqual(cut, [['b', 'a']]);
  });

  test('a soft cycle is cut at the lowest (priority, id) node and reported', () => {
    const nodes = [node('t1', 4, [], ['t2']), node('t2', 4, [], ['t1'])];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(order, ['t1', 't2']);
    assert.deepEqual(cut, [['t1', 't2']]);
  });

  test('a soft cycle of three nodes cuts one edge and keeps the others', () => {
    const nodes = [node('a', 1, [], ['b']), node('b', 1, [], ['c']), node('c', 1, [], ['a'])];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(cut, [['a', 'b']]);
    assert.deepEqual(order, ['a', 'c', 'b']);
    assertRespects(
      order,
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
      cut,
    );
  });

  test('only nodes whose unmet dependencies are all soft are cut', () => {
    // `a` (lowest id) has a hard dependency inside the cycle, so `b` is the one cut.
    const nodes = [node('a', 1, ['b']), node('b', 1, [], ['a'])];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(cut, [['b', 'a']]);
    assert.deepEqual(order, ['b', 'a']);
  });

  test('nodes outside a cycle keep their order around it', () => {
    const nodes = [
      node('schema', 0),
      node('t1', 4, ['schema'], ['t2']),
      node('t2', 4, ['schema'], ['t1']),
      node('idx', 10, ['t2']),
      node('view', 7, ['t1', 't2']),
    ];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(order, ['schema', 't1', 't2', 'view', 'idx']);
    assert.deepEqual(cut, [['t1', 't2']]);
  });

  test('the result does not depend on the input order', () => {
    const nodes = [
      node('s', 0),
      node('t1', 4, ['s'], ['t2', 't3']),
      node('t2', 4, ['s'], ['t1']),
      node('t3', 4, ['s']),
      node('v', 7, ['t1', 't3']),
      node('f', 5, ['s']),
    ];
    const expected = toposort(nodes);
    assertRespects(expected.order, [
      ['t1', 's'],
      ['t2', 's'],
      ['t3', 's'],
      ['v', 't1'],
      ['v', 't3'],
      ['f', 's'],
    ]);
    for (const p of permutations(nodes)) assert.deepEqual(toposort(p), expected);
  });

  test('a cycle of hard edges terminates and still emits every node once', () => {
    const nodes = [node('b', 1, ['a']), node('a', 2, ['b']), node('free', 3), node('after', 0, ['free'])];
    const { order, cut } = toposort(nodes);
    assert.deepEqual(cut, []);
    assert.deepEqual(order, ['free', 'after', 'b', 'a']);
    assert.equal(new Set(order).size, nodes.length);
  });

  test('a large chain is sorted without recursion limits', () => {
    const n = 20_000;
    const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`, 0, i > 0 ? [`n${i - 1}`] : []));
    const { order } = toposort([...nodes].reverse());
    assert.equal(order.length, n);
    assert.equal(order[0], 'n0');
    assert.equal(order[n - 1], `n${n - 1}`);
  });
});
