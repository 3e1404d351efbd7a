// State shared while turning catalog rows into a realm: where each catalog object (by OID)
// ended up in the model, and the comments to attach.
import type { Composite, DepRef, MaterializedView, Realm, Schema, Table, View } from '../../schema/model.ts';
import { emptySchema } from '../../schema/model.ts';
import type { Row } from './conn.ts';

export type Rows = Record<string, Row[]>;

export type Relation =
  | { kind: 'table'; schema: string; obj: Table }
  | { kind: 'view'; schema: string; obj: View }
  | { kind: 'materialized_view'; schema: string; obj: MaterializedView }
  | { kind: 'composite'; schema: string; obj: Composite };

export class BuildContext {
  readonly schemas = new Map<string, Schema>();
  /** pg_class OID -> the model object it became. */
  readonly relations = new Map<string, Relation>();
  /** pg_class OID -> attnum -> column name. */
  readonly columnNames = new Map<string, Map<number, string>>();
  /** OIDs (per catalog) of objects a dependency can point at, as model references. */
  readonly depTargets = new Map<string, DepRef>();
  /** OIDs of objects that can carry `dependsOn`, by catalog key. */
  readonly depOwners = new Map<string, { dependsOn?: DepRef[] }>();
  private readonly comments = new Map<string, string>();

  constructor(
    readonly realm: Realm,
    rows: Rows,
  ) {
    for (const r of rows.comments ?? []) {
      this.comments.set(`${r.catalog}:${r.oid}:${r.sub}`, r.text as string);
    }
  }

  schema(name: string): Schema | undefined {
    return this.schemas.get(name);
  }

  addSchema(name: string): Schema {
    let s = this.schemas.get(name);
    if (!s) {
      s = emptySchema(name);
      this.schemas.set(name, s);
      this.realm.schemas.push(s);
    }
    return s;
  }

  /** The comment on a catalog object, or undefined. */
  comment(catalog: string, oid: unknown, sub = 0): string | undefined {
    return this.comments.get(`${catalog}:${oid}:${sub}`);
  }

  column(rel: unknown, attnum: number): string {
    const name = this.columnNames.get(String(rel))?.get(attnum);
    if (name === undefined) throw new Error(`inspect: no column ${attnum} in relation ${rel}`);
    return name;
  }

  columns(rel: unknown, keys: unknown): string[] {
    return ((keys as number[] | null) ?? []).map((k) => this.column(rel, k));
  }

  table(rel: unknown): Table | undefined {
    const r = this.relations.get(String(rel));
    return r?.kind === 'table' ? r.obj : undefined;
  }
}

/** Sets `key` on `obj` only when the value is meaningful, keeping defaults out of the model. */
export function setIf<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  value: T[K] | null | undefined | false,
): void {
  if (
    value !== undefined &&
    value !== null &&
    value !== false &&
    !(Array.isArray(value) && value.length === 0)
  ) {
    obj[key] = value;
  }
}

export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
