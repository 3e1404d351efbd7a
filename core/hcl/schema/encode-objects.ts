// Writing the objects other than tables and schemas.

import { splitTopLevel } from '../../drivers/postgres/sql.ts';
import type { Func, Realm, Schema, Table, View } from '../../schema/model.ts';
import { attr, block, type HclAttr, type HclBlock, hclString, hclText, list, object } from '../write.ts';
import { AGG_NAMES } from './decode-objects.ts';
import { sequenceDefaults } from './decode-table.ts';
import {
  columnRef,
  defaultHcl,
  dependsOnAttr,
  encodeIndex,
  type Names,
  schemaRef,
  sequenceAttrs,
  typeRefHcl,
  word,
} from './encode.ts';
import { typeHcl } from './types.ts';
import { toWord } from './words.ts';

type Items = (HclAttr | HclBlock | undefined)[];

const comment = (c: string | undefined) => (c !== undefined ? attr('comment', hclString(c)) : undefined);

export function encodeObjects(realm: Realm, n: Names): HclBlock[] {
  const out: HclBlock[] = [];
  for (const s of realm.schemas) {
    for (const v of s.views) out.push(encodeView(s, v, n));
    for (const m of s.materializedViews) {
      out.push(
        block('materialized', n.labels('materialized', s.name, m.name), [
          attr('schema', schemaRef(s.name)),
          ...m.columns.map((c) =>
            block(
              'column',
              [c.name],
              [attr('null', 'true'), attr('type', typeHcl(c.type, n.dialect)), comment(c.comment)],
            ),
          ),
          ...m.indexes.map((i) => encodeIndex(i, n.dialect)),
          attr('as', hclText(`${m.definition.trim()}\n`)),
          m.withData ? undefined : attr('with_data', 'false'),
          m.storageParams?.length ? attr('storage_params', object(m.storageParams)) : undefined,
          m.dependsOn?.length ? dependsOnAttr(m.dependsOn, n) : undefined,
          comment(m.comment),
        ]),
      );
    }
    for (const e of s.enums) {
      out.push(
        block('enum', n.labels('enum', s.name, e.name), [
          attr('schema', schemaRef(s.name)),
          attr('values', list(e.values.map(hclString))),
          comment(e.comment),
        ]),
      );
    }
    for (const d of s.domains) {
      out.push(
        block('domain', n.labels('domain', s.name, d.name), [
          attr('schema', schemaRef(s.name)),
          attr('type', typeRefHcl(d.type, d.ref, n)),
          attr('null', String(!d.notNull)),
          d.default !== undefined
            ? attr('default', defaultHcl({ kind: 'literal', value: d.default }, d.type, n.dialect))
            : undefined,
          d.collation ? attr('collate', hclString(d.collation)) : undefined,
          ...d.checks.map((c) =>
            block(
              'check',
              [c.name],
              [
                attr('expr', hclString(c.expr)),
                c.notValid ? attr('not_valid', 'true') : undefined,
                comment(c.comment),
              ],
            ),
          ),
          comment(d.comment),
        ]),
      );
    }
    for (const c of s.composites) {
      out.push(
        block('composite', n.labels('composite', s.name, c.name), [
          attr('schema', schemaRef(s.name)),
          ...c.fields.map((f) =>
            block(
              'field',
              [f.name],
              [
                attr('type', typeRefHcl(f.type, f.ref, n)),
                f.collation ? attr('collate', hclString(f.collation)) : undefined,
                comment(f.comment),
              ],
            ),
          ),
          comment(c.comment),
        ]),
      );
    }
    for (const r of s.ranges) {
      out.push(
        block('range', n.labels('range', s.name, r.name), [
          attr('schema', schemaRef(s.name)),
          attr('subtype', typeHcl(r.subtype, n.dialect)),
          ...r.options.map((o) => attr(o.name.toLowerCase(), hclString(o.value))),
          comment(r.comment),
        ]),
      );
    }
    for (const q of s.sequences) {
      const d = sequenceDefaults(q.type ?? 'bigint', BigInt(q.increment));
      out.push(
        block('sequence', n.labels('sequence', s.name, q.name), [
          attr('schema', schemaRef(s.name)),
          q.type ? attr('type', typeHcl(q.type, n.dialect)) : undefined,
          ...sequenceAttrs(q, d),
          q.ownedBy
            ? attr(
                'owner',
                `${n.ref('table', { schema: s.name, name: q.ownedBy.table })}.${columnRef(q.ownedBy.column)}`,
              )
            : undefined,
          comment(q.comment),
        ]),
      );
    }
    for (const f of s.functions) out.push(encodeRoutine(s, f, n));
    for (const a of s.aggregates) {
      const items: Items = [attr('schema', schemaRef(s.name))];
      for (const t of a.identityArgs ? splitTopLevel(a.identityArgs) : [])
        items.push(block('arg', [], [attr('type', typeHcl(t.trim(), n.dialect))]));
      const reverse = Object.fromEntries(Object.entries(AGG_NAMES).map(([k, v]) => [v, k]));
      for (const o of a.options) {
        const name = reverse[o.name] ?? o.name.toLowerCase();
        const fn = functionRef(o.value, s, n);
        const value =
          o.value === ''
            ? 'true'
            : o.name === 'STYPE' || o.name === 'MSTYPE'
              ? typeHcl(o.value, n.dialect)
              : fn && /FUNC$/.test(o.name)
                ? fn
                : hclString(o.value);
        items.push(attr(name, value));
      }
      items.push(comment(a.comment));
      out.push(block('aggregate', n.labels('aggregate', s.name, a.name), items));
    }
    if (realm.dialect === 'mysql') {
      for (const e of s.events ?? []) {
        out.push(
          block(
            'event',
            [e.name],
            [
              attr('schema', schemaRef(s.name)),
              attr('schedule', hclString(e.schedule)),
              e.preserve ? attr('preserve', 'true') : undefined,
              e.status ? attr('status', e.status) : undefined,
              e.sqlMode !== undefined ? attr('sql_mode', hclString(e.sqlMode)) : undefined,
              attr('as', hclText(`${e.body}\n`)),
              comment(e.comment),
            ],
          ),
        );
      }
    }
  }
  for (const e of realm.extensions) {
    out.push(
      block(
        'extension',
        [e.name],
        [
          attr('schema', schemaRef(e.schema)),
          e.version ? attr('version', hclString(e.version)) : undefined,
          comment(e.comment),
        ],
      ),
    );
  }
  // Objects that hang off tables and views come after every table and view they may name.
  for (const s of realm.schemas) {
    const owners: { on: Table | View; kind: 'table' | 'view' }[] = [
      ...s.tables.map((t) => ({ on: t, kind: 'table' as const })),
      ...s.views.map((v) => ({ on: v, kind: 'view' as const })),
    ];
    for (const { on, kind } of owners) {
      const onRef = n.ref(kind, { schema: s.name, name: on.name });
      for (const t of on.triggers) out.push(encodeTrigger(t, onRef, n));
      for (const r of on.rules ?? []) {
        out.push(
          block(
            'rule',
            [r.name],
            [attr('on', onRef), attr('as', hclString(r.definition)), comment(r.comment)],
          ),
        );
      }
      for (const p of 'policies' in on ? on.policies : []) {
        out.push(
          block(
            'policy',
            [p.name],
            [
              attr('on', onRef),
              p.permissive ? undefined : attr('as', 'RESTRICTIVE'),
              p.command !== 'ALL' ? attr('for', p.command) : undefined,
              attr(
                'to',
                list(
                  p.roles.map((r) =>
                    /^[A-Za-z_][\w]*$/.test(r) && r === r.toUpperCase() ? r : hclString(r),
                  ),
                ),
              ),
              p.using !== undefined ? attr('using', hclString(p.using)) : undefined,
              p.withCheck !== undefined ? attr('check', hclString(p.withCheck)) : undefined,
              comment(p.comment),
            ],
          ),
        );
      }
    }
  }
  for (const e of realm.eventTriggers) {
    out.push(
      block(
        'event_trigger',
        [e.name],
        [
          attr('on', e.event),
          attr('execute', fnTarget(e.function, n)),
          e.tags?.length ? attr('tags', list(e.tags.map(hclString))) : undefined,
          e.enabled ? attr('enabled', e.enabled) : undefined,
          comment(e.comment),
        ],
      ),
    );
  }
  return out;
}

function encodeView(s: Schema, v: View, n: Names): HclBlock {
  const mysql = n.dialect === 'mysql';
  return block('view', n.labels('view', s.name, v.name), [
    attr('schema', schemaRef(s.name)),
    ...v.columns.map((c) =>
      block(
        'column',
        [c.name],
        [attr('null', 'true'), attr('type', typeHcl(c.type || 'text', n.dialect)), comment(c.comment)],
      ),
    ),
    attr('as', hclText(`${v.definition.trim()}\n`)),
    v.checkOption ? attr('check_option', v.checkOption) : undefined,
    !mysql && v.securityBarrier ? attr('security_barrier', 'true') : undefined,
    !mysql && v.securityInvoker ? attr('security_invoker', 'true') : undefined,
    mysql && v.algorithm ? attr('algorithm', v.algorithm) : undefined,
    mysql && v.security ? attr('security', v.security) : undefined,
    v.dependsOn?.length ? dependsOnAttr(v.dependsOn, n) : undefined,
    comment(v.comment),
  ]);
}

const LANGS: Record<string, string> = { plpgsql: 'PLpgSQL', sql: 'SQL', c: 'C', internal: 'INTERNAL' };

function encodeRoutine(s: Schema, f: Func, n: Names): HclBlock {
  const mysql = n.dialect === 'mysql';
  const items: Items = [attr('schema', schemaRef(s.name))];
  if (!mysql) items.push(attr('lang', LANGS[f.language] ?? word(f.language)));
  // MariaDB keeps the parameters as written (INT, not int(11)): those are what it prints back.
  const args = mysql && f.params !== undefined ? writtenParams(f.params) : f.args;
  for (const a of args) {
    items.push(
      block('arg', a.name !== undefined && a.name !== '' ? [a.name] : [], [
        // A column's UNSIGNED is an attribute of its own; an argument's stays in its type.
        attr(
          'type',
          mysql && /\bunsigned\b/i.test(a.type) ? `sql(${hclString(a.type)})` : typeHcl(a.type, n.dialect),
        ),
        a.mode && !(mysql && f.params === undefined && a.mode === 'IN') ? attr('mode', a.mode) : undefined,
        a.default !== undefined ? attr('default', `sql(${hclString(a.default)})`) : undefined,
      ]),
    );
  }
  if (f.returns !== undefined) items.push(attr('return', typeHcl(f.returns, n.dialect)));
  items.push(attr('as', hclText(f.sqlBody ? `${f.body.trim()}\n` : f.body)));
  if (mysql) {
    if (f.deterministic) items.push(attr('deterministic', 'true'));
    if (f.dataAccess) items.push(attr('data_access', toWord(f.dataAccess)));
    if (f.security) items.push(attr('security', f.security));
    if (f.sqlMode !== undefined) items.push(attr('sql_mode', hclString(f.sqlMode)));
  } else {
    if (f.volatility) items.push(attr('volatility', f.volatility));
    if (f.strict) items.push(attr('strict', 'true'));
    if (f.securityDefiner) items.push(attr('security', 'DEFINER'));
    if (f.leakproof) items.push(attr('leakproof', 'true'));
    if (f.parallel) items.push(attr('parallel', f.parallel));
    if (f.cost !== undefined) items.push(attr('cost', String(f.cost)));
    if (f.rows !== undefined) items.push(attr('rows', String(f.rows)));
    if (f.config?.length) items.push(attr('config', object(f.config)));
  }
  if (f.dependsOn?.length) items.push(dependsOnAttr(f.dependsOn, n));
  items.push(comment(f.comment));
  return block(f.kind, n.labels(f.kind, s.name, f.name), items);
}

/** `OLD TABLE AS "o" NEW TABLE AS "n"` as a block, or as text when it reads otherwise. */
function referencingHcl(clause: string): HclAttr | HclBlock {
  const m = /^(?:OLD TABLE AS "((?:[^"]|"")+)")? ?(?:NEW TABLE AS "((?:[^"]|"")+)")?$/.exec(clause);
  if (!m || (!m[1] && !m[2])) return attr('referencing', hclString(clause));
  const name = (s: string | undefined) => (s === undefined ? undefined : hclString(s.replace(/""/g, '"')));
  return block(
    'referencing',
    [],
    [
      m[1] !== undefined ? attr('old_table', name(m[1])!) : undefined,
      m[2] !== undefined ? attr('new_table', name(m[2])!) : undefined,
    ],
  );
}

/** A function the document declares as a reference; any other (built in, an extension's) by name. */
const fnTarget = (f: import('../../schema/model.ts').ObjectRef, n: Names) =>
  n.has('function', f) ? n.ref('function', f) : hclString(`${f.schema}.${f.name}`);

/** `IN p_id INT, OUT n DECIMAL(10,2) UNSIGNED` as arguments, modes only where written. */
function writtenParams(params: string): Func['args'] {
  if (params.trim() === '') return [];
  return splitTopLevel(params).map((p) => {
    const m = /^\s*(?:(IN|OUT|INOUT)\s+)?(`(?:[^`]|``)+`|\S+)\s+([\s\S]*?)\s*$/i.exec(p);
    if (!m) return { type: p.trim() };
    const arg: Func['args'][number] = {
      name: m[2]!.replace(/^`|`$/g, '').replace(/``/g, '`'),
      type: m[3]!.replace(/\s+/g, ' '),
    };
    if (m[1]) arg.mode = m[1].toUpperCase() as 'IN' | 'OUT' | 'INOUT';
    return arg;
  });
}

/** `public.f` or `f` as `function.f` when the document holds exactly one function of that name. */
function functionRef(value: string, s: Schema, n: Names): string | undefined {
  const m = /^(?:([\w$]+)\.)?([\w$]+)$/.exec(value);
  if (!m) return undefined;
  const ref = { schema: m[1] ?? s.name, name: m[2]! };
  const overloads = n.realm.schemas
    .find((x) => x.name === ref.schema)
    ?.functions.filter((f) => f.name === ref.name && f.kind === 'function');
  return overloads?.length === 1 ? n.ref('function', ref) : undefined;
}

function encodeTrigger(t: import('../../schema/model.ts').Trigger, onRef: string, n: Names): HclBlock {
  const mysql = n.dialect === 'mysql';
  const timing = t.timing === 'INSTEAD OF' ? 'instead_of' : t.timing.toLowerCase();
  const events: Items = t.events.map((e) =>
    e === 'UPDATE' && t.updateOf?.length ? undefined : attr(e.toLowerCase(), 'true'),
  );
  if (t.updateOf?.length)
    events.push(attr('update_of', list(t.updateOf.map((c) => `${onRef}.${columnRef(c)}`))));
  const items: Items = [attr('on', onRef), block(timing, [], events)];
  if (mysql) {
    if (t.follows) items.push(attr('follows', hclString(t.follows)));
    if (t.sqlMode !== undefined) items.push(attr('sql_mode', hclString(t.sqlMode)));
    items.push(attr('as', hclText(`${t.body ?? ''}\n`)));
  } else {
    if (t.forEach !== 'ROW') items.push(attr('for', t.forEach));
    if (t.when) items.push(attr('when', hclString(t.when)));
    items.push(
      block(
        'execute',
        [],
        [
          attr('function', t.function ? fnTarget(t.function, n) : '""'),
          t.args?.length ? attr('args', list(t.args.map(hclString))) : undefined,
        ],
      ),
    );
    if (t.enabled) items.push(attr('enabled', t.enabled));
    if (t.referencing) items.push(referencingHcl(t.referencing));
    if (t.constraint)
      items.push(
        t.constraint.deferrable
          ? attr('deferrable', toWord(t.constraint.deferrable))
          : attr('constraint', 'true'),
      );
  }
  items.push(comment(t.comment));
  return block('trigger', [t.name], items);
}
