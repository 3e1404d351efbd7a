// Creation DDL for a whole realm in dependency order (`schema inspect --format sql`): every
// object of the realm printed by its creation statement, ordered by graph.ts. Foreign keys
// that form a cycle, or that need a unique index created later, become ALTER TABLE statements
// at the end.
import type { Realm } from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';
import { type Emitters, needsBodyCheckOff, orderRealm } from './graph.ts';
import * as r from './render-objects.ts';

/** Emitters that create every object, as in an empty database. */
export function creationEmitters(n: r.Names): Emitters {
  return {
    // Output bound to one schema applies to whichever schema the reader chooses: it names none.
    schema: (s) => (n.qualify ? r.createSchema(s) : []),
    extension: (e) => r.createExtension(e),
    enum: (s, e) => r.createEnum(s, e, n),
    domain: (s, d) => r.createDomain(s, d, n),
    composite: (s, c) => r.createComposite(s, c, n),
    range: (s, x) => r.createRange(s, x, n),
    sequence: (s, q) => r.createSequence(s, q, n),
    sequenceOwner: (s, q) => r.sequenceOwnedBy(s, q, n),
    table: (s, t, inline) => r.createTable(s, t, inline, n),
    deferredForeignKey: (s, t, fk) => r.addForeignKey(s, t, fk, n),
    index: (s, on, idx) => r.createIndex(s, on, idx, n),
    trigger: (s, on, t) => r.createTrigger(s, on, t, n),
    rule: (s, on, x) => r.createRule(s, on, x, n),
    policy: (s, t, p) => r.createPolicy(s, t, p, n),
    func: (s, f) => r.createFunction(s, f, n),
    aggregate: (s, a) => r.createAggregate(s, a, n),
    view: (s, v) => r.createView(s, v, n),
    materializedView: (s, m) => r.createMaterializedView(s, m, n),
    eventTrigger: (e) => r.createEventTrigger(e, n),
  };
}

export function createStatements(realm: Realm, opts: { qualify: boolean }): Stmt[] {
  const { stmts } = orderRealm(realm, creationEmitters(new r.Names(opts.qualify)));
  return [...needsBodyCheckOff(realm.schemas.flatMap((s) => s.functions)), ...stmts];
}
