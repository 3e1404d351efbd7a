// The catalog queries of one inspection. Their number is fixed: it does not grow with the number
// of schemas or tables (N+1 queries are what make other tools slow on large databases).
//
// Every query takes `$1`, the schema names to inspect (NULL: all user schemas), and returns only
// text, booleans, small integers and JSON so that `pg` and PGlite decode rows the same way.
// OIDs are returned as text and used only as join keys between the result sets.

/** Schemas that belong to PostgreSQL itself. */
const SYSTEM_SCHEMA = (n: string) =>
  `${n}.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
   AND ${n}.nspname NOT LIKE 'pg\\_temp\\_%' AND ${n}.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

/** In scope: a user schema, in the requested list if there is one. */
const IN_SCOPE = (n: string) =>
  `${SYSTEM_SCHEMA(n)} AND ($1::text[] IS NULL OR ${n}.nspname = ANY($1::text[]))`;

/** Objects created by CREATE EXTENSION are the extension's, not the user's. */
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = '${catalog}'::regclass AND xd.objid = ${oid} AND xd.deptype = 'e')`;

/**
 * The name of a collation or operator class as the catalog's own deparsers print it: bare when
 * visible on the search_path of the inspection, schema-qualified otherwise.
 */
const COLLATION_NAME = (c: string, n: string) =>
  `CASE WHEN pg_collation_is_visible(${c}.oid) THEN quote_ident(${c}.collname)
        ELSE quote_ident(${n}.nspname) || '.' || quote_ident(${c}.collname) END`;
const OPCLASS_NAME = (o: string, n: string) =>
  `CASE WHEN pg_opclass_is_visible(${o}.oid) THEN quote_ident(${o}.opcname)
        ELSE quote_ident(${n}.nspname) || '.' || quote_ident(${o}.opcname) END`;

export interface QueryOptions {
  /** `server_version_num`, to use catalog columns only where they exist. */
  version: number;
}

export function catalogQueries({ version }: QueryOptions): Record<string, string> {
  const v15 = version >= 150000;
  const v14 = version >= 140000;
  return {
    schemas: `
      SELECT n.oid::text AS oid, n.nspname AS name
      FROM pg_namespace n
      WHERE ${IN_SCOPE('n')} AND ${NOT_EXTENSION_MEMBER('pg_namespace', 'n.oid')}
      ORDER BY n.nspname`,

    relations: `
      SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind,
        c.relpersistence AS persistence, c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced,
        to_json(c.reloptions) AS options, c.reltype::text AS rowtype, c.relispopulated AS populated,
        CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
        CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
        pn.nspname AS parent_schema, pc.relname AS parent_name,
        CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef,
        CASE WHEN NOT c.relispartition AND c.relkind IN ('r', 'p') THEN (
          SELECT json_agg(json_build_object('schema', hn.nspname, 'name', hc.relname) ORDER BY h.inhseqno)
          FROM pg_inherits h JOIN pg_class hc ON hc.oid = h.inhparent JOIN pg_namespace hn ON hn.oid = hc.relnamespace
          WHERE h.inhrelid = c.oid) END AS inherits
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
      LEFT JOIN pg_class pc ON pc.oid = i.inhparent
      LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'c') AND ${IN_SCOPE('n')}
        AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,

    // Columns of tables, views, materialized views and composite types, in declaration order.
    columns: `
      SELECT a.attrelid::text AS rel, a.attnum AS num, a.attname AS name,
        format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, a.attndims AS dims,
        a.attidentity AS identity, a.attgenerated AS generated, a.attislocal AS local,
        pg_get_expr(d.adbin, d.adrelid) AS def,
        CASE WHEN a.attcollation <> t.typcollation THEN ${COLLATION_NAME('co', 'cn')} END AS collation,
        CASE WHEN t.typcategory = 'A' THEN et.typname ELSE t.typname END AS typname,
        CASE WHEN t.typcategory = 'A' THEN etn.nspname ELSE tn.nspname END AS typschema
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_namespace tn ON tn.oid = t.typnamespace
      LEFT JOIN pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
      LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
      LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c') AND ${IN_SCOPE('n')}
      ORDER BY a.attrelid, a.attnum`,

    // Comments of everything, merged client-side by (catalog, oid, sub-id). A join per object
    // kind would cost a nested loop on un-ANALYZEd catalogs.
    comments: `
      SELECT d.classoid::regclass::text AS catalog, d.objoid::text AS oid, d.objsubid AS sub, d.description AS text
      FROM pg_description d
      WHERE d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass`,

    constraints: `
      SELECT k.oid::text AS oid, k.conrelid::text AS rel, k.contypid::text AS domain, k.conname AS name,
        k.contype AS type, k.condeferrable AS deferrable, k.condeferred AS deferred,
        k.convalidated AS validated, k.conislocal AS local, k.connoinherit AS noinherit,
        k.conparentid <> 0 AS inherited, k.conindid::text AS index,
        k.confupdtype AS on_update, k.confdeltype AS on_delete, k.confmatchtype AS match,
        to_json(k.conkey) AS keys,
        CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END AS expr,
        CASE WHEN k.contype = 'x' THEN pg_get_constraintdef(k.oid) END AS def,
        fn.nspname AS ref_schema, fc.relname AS ref_table,
        CASE WHEN k.contype = 'f' THEN (
          SELECT json_agg(fa.attname ORDER BY u.ord)
          FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
          JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = u.attnum) END AS ref_columns
      FROM pg_constraint k
      JOIN pg_namespace n ON n.oid = k.connamespace
      LEFT JOIN pg_class fc ON fc.oid = k.confrelid
      LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND ${IN_SCOPE('n')}
        AND ${NOT_EXTENSION_MEMBER('pg_constraint', 'k.oid')}`,

    indexes: `
      SELECT x.indexrelid::text AS oid, x.indrelid::text AS rel, ic.relname AS name, am.amname AS method,
        x.indisunique AS unique, x.indnkeyatts AS nkeys, x.indnatts AS natts,
        ${v15 ? 'x.indnullsnotdistinct' : 'false'} AS nulls_not_distinct,
        to_json(ic.reloptions) AS options, pg_get_expr(x.indpred, x.indrelid) AS pred,
        ic.relispartition AS attached, pin.nspname AS parent_schema, pic.relname AS parent_name
      FROM pg_index x
      JOIN pg_class ic ON ic.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_am am ON am.oid = ic.relam
      LEFT JOIN pg_inherits i ON ic.relispartition AND i.inhrelid = ic.oid
      LEFT JOIN pg_class pic ON pic.oid = i.inhparent
      LEFT JOIN pg_namespace pin ON pin.oid = pic.relnamespace
      WHERE t.relkind IN ('r', 'p', 'm') AND ${IN_SCOPE('n')}
        AND ${NOT_EXTENSION_MEMBER('pg_class', 't.oid')}`,

    // One row per index column. Opclass, collation and sort options are printed only where
    // they differ from what the key column implies, as pg_dump does.
    indexParts: `
      SELECT x.indexrelid::text AS oid, k.n AS pos, ta.attname AS column,
        CASE WHEN x.indkey[k.n - 1] = 0 THEN pg_get_indexdef(x.indexrelid, k.n, false) END AS expr,
        CASE WHEN NOT opc.opcdefault THEN ${OPCLASS_NAME('opc', 'opn')} END AS opclass,
        CASE WHEN x.indcollation[k.n - 1] <> 0
              AND x.indcollation[k.n - 1] <> coalesce(ta.attcollation, it.typcollation)
          THEN ${COLLATION_NAME('coll', 'coln')} END AS collation,
        x.indoption[k.n - 1] AS option
      FROM pg_index x
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      -- Not generate_series: on un-analyzed catalogs it is estimated at 1,000 rows per index.
      CROSS JOIN LATERAL (SELECT u.ord::int AS n FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS u(attnum, ord)) AS k
      LEFT JOIN pg_attribute ta ON ta.attrelid = x.indrelid AND ta.attnum = x.indkey[k.n - 1] AND x.indkey[k.n - 1] <> 0
      LEFT JOIN pg_attribute ia ON ia.attrelid = x.indexrelid AND ia.attnum = k.n
      LEFT JOIN pg_type it ON it.oid = ia.atttypid
      LEFT JOIN pg_opclass opc ON k.n <= x.indnkeyatts AND opc.oid = x.indclass[k.n - 1]
      LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
      LEFT JOIN pg_collation coll ON coll.oid = x.indcollation[k.n - 1]
      LEFT JOIN pg_namespace coln ON coln.oid = coll.collnamespace
      WHERE t.relkind IN ('r', 'p', 'm') AND ${IN_SCOPE('n')}
      ORDER BY x.indexrelid, k.n`,

    // Sequences, including those behind identity columns (deptype 'i') whose options belong
    // to the column, and serial sequences owned by a column (deptype 'a').
    sequences: `
      SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name,
        format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
        s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
        d.deptype AS dep, d.refobjid::text AS owner_rel, oc.relname AS owner_table, a.attname AS owner_column
      FROM pg_sequence s
      JOIN pg_class c ON c.oid = s.seqrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
        AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
      LEFT JOIN pg_class oc ON oc.oid = d.refobjid
      LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE ${IN_SCOPE('n')} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,

    functions: `
      SELECT p.oid::text AS oid, n.nspname AS schema, p.proname AS name, p.prokind AS kind,
        pg_get_function_identity_arguments(p.oid) AS identity,
        CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS result,
        l.lanname AS language, p.prosrc AS src, ${v14 ? 'pg_get_function_sqlbody(p.oid)' : 'NULL'} AS sqlbody,
        p.provolatile AS volatility, p.proisstrict AS strict, p.prosecdef AS secdef,
        p.proleakproof AS leakproof, p.proparallel AS parallel, p.procost::text AS cost,
        p.prorows::text AS rows, p.proretset AS retset, to_json(p.proconfig) AS config,
        to_json(p.proargnames) AS argnames, to_json(p.proargmodes) AS argmodes,
        (SELECT json_agg(format_type(u.t, NULL) ORDER BY u.ord)
           FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS u(t, ord)) AS argtypes,
        p.pronargdefaults AS ndefaults, pg_get_expr(p.proargdefaults, 0) AS defaults
      FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      JOIN pg_language l ON l.oid = p.prolang
      WHERE p.prokind IN ('f', 'p') AND ${IN_SCOPE('n')} AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}
        -- Constructors of range and multirange types come with the type.
        AND NOT EXISTS (SELECT 1 FROM pg_depend xi WHERE xi.classid = 'pg_proc'::regclass AND xi.objid = p.oid AND xi.deptype = 'i')`,

    aggregates: `
      SELECT p.oid::text AS oid, n.nspname AS schema, p.proname AS name,
        pg_get_function_identity_arguments(p.oid) AS identity, a.aggkind AS kind,
        a.aggtransfn::regproc::text AS sfunc, format_type(a.aggtranstype, NULL) AS stype,
        a.aggtransspace AS sspace, a.agginitval AS initcond,
        nullif(a.aggfinalfn, 0)::regproc::text AS finalfunc, a.aggfinalextra AS finalextra,
        a.aggfinalmodify AS finalmodify,
        nullif(a.aggcombinefn, 0)::regproc::text AS combinefunc,
        nullif(a.aggserialfn, 0)::regproc::text AS serialfunc,
        nullif(a.aggdeserialfn, 0)::regproc::text AS deserialfunc,
        nullif(a.aggmtransfn, 0)::regproc::text AS msfunc,
        nullif(a.aggminvtransfn, 0)::regproc::text AS minvfunc,
        CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END AS mstype,
        nullif(a.aggmfinalfn, 0)::regproc::text AS mfinalfunc, a.aggminitval AS minitcond,
        nullif(a.aggsortop, 0)::regoper::text AS sortop, p.proparallel AS parallel
      FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid
      JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${IN_SCOPE('n')} AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`,

    enums: `
      SELECT t.oid::text AS oid, n.nspname AS schema, t.typname AS name,
        (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND ${IN_SCOPE('n')} AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}`,

    // Domains, composite types and range types; fields of composites come with the columns.
    types: `
      SELECT t.oid::text AS oid, n.nspname AS schema, t.typname AS name, t.typtype AS kind, t.typrelid::text AS rel,
        CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
        CASE WHEN bt.typcategory = 'A' THEN bet.typname ELSE bt.typname END AS base_name,
        CASE WHEN bt.typcategory = 'A' THEN betn.nspname ELSE btn.nspname END AS base_schema,
        t.typnotnull AS notnull, pg_get_expr(t.typdefaultbin, 0) AS def,
        CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN ${COLLATION_NAME('co', 'cn')} END AS collation,
        format_type(r.rngsubtype, NULL) AS subtype,
        CASE WHEN r.rngtypid IS NOT NULL AND NOT sopc.opcdefault THEN ${OPCLASS_NAME('sopc', 'sopcn')} END AS subtype_opclass,
        CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN ${COLLATION_NAME('rco', 'rcon')} END AS range_collation,
        nullif(r.rngcanonical, 0)::regproc::text AS canonical, nullif(r.rngsubdiff, 0)::regproc::text AS subdiff,
        ${v14 ? 'format_type(r.rngmultitypid, NULL)' : 'NULL'} AS multirange,
        ${v14 ? 'mt.typname' : 'NULL'} AS multirange_name, ${v14 ? 'mtn.nspname' : 'NULL'} AS multirange_schema
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace
      LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
      LEFT JOIN pg_namespace btn ON btn.oid = bt.typnamespace
      LEFT JOIN pg_type bet ON bt.typcategory = 'A' AND bet.oid = bt.typelem
      LEFT JOIN pg_namespace betn ON betn.oid = bet.typnamespace
      LEFT JOIN pg_collation co ON co.oid = t.typcollation
      LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
      LEFT JOIN pg_range r ON r.rngtypid = t.oid
      LEFT JOIN pg_type st ON st.oid = r.rngsubtype
      LEFT JOIN pg_opclass sopc ON sopc.oid = r.rngsubopc
      LEFT JOIN pg_namespace sopcn ON sopcn.oid = sopc.opcnamespace
      LEFT JOIN pg_collation rco ON rco.oid = r.rngcollation
      LEFT JOIN pg_namespace rcon ON rcon.oid = rco.collnamespace
      ${v14 ? 'LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid LEFT JOIN pg_namespace mtn ON mtn.oid = mt.typnamespace' : ''}
      LEFT JOIN pg_class tc ON tc.oid = t.typrelid
      WHERE (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND tc.relkind = 'c'))
        AND ${IN_SCOPE('n')} AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}`,

    triggers: `
      SELECT g.oid::text AS oid, g.tgrelid::text AS rel, g.tgname AS name, g.tgtype AS type,
        g.tgenabled AS enabled, g.tgconstraint <> 0 AS is_constraint, g.tgdeferrable AS deferrable,
        g.tginitdeferred AS deferred, fn.nspname AS fn_schema, f.proname AS fn_name,
        encode(g.tgargs, 'hex') AS args, g.tgnargs AS nargs,
        (SELECT json_agg(a.attname ORDER BY u.ord) FROM unnest(g.tgattr::int2[]) WITH ORDINALITY AS u(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = g.tgrelid AND a.attnum = u.attnum) AS columns,
        g.tgoldtable AS old_table, g.tgnewtable AS new_table,
        pg_get_triggerdef(g.oid) AS def
      FROM pg_trigger g
      JOIN pg_class c ON c.oid = g.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc f ON f.oid = g.tgfoid
      JOIN pg_namespace fn ON fn.oid = f.pronamespace
      WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND ${IN_SCOPE('n')}`,

    policies: `
      SELECT p.oid::text AS oid, p.polrelid::text AS rel, p.polname AS name, p.polpermissive AS permissive,
        p.polcmd AS cmd,
        (SELECT json_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE (SELECT rolname FROM pg_roles WHERE oid = r) END)
           FROM unnest(p.polroles) AS r) AS roles,
        pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check
      FROM pg_policy p
      JOIN pg_class c ON c.oid = p.polrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${IN_SCOPE('n')}`,

    rules: `
      SELECT r.oid::text AS oid, r.ev_class::text AS rel, r.rulename AS name, r.ev_enabled AS enabled,
        pg_get_ruledef(r.oid) AS def
      FROM pg_rewrite r
      JOIN pg_class c ON c.oid = r.ev_class
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE r.rulename <> '_RETURN' AND ${IN_SCOPE('n')}`,

    // Database-wide objects. Extensions created by initdb (plpgsql) are part of PostgreSQL.
    extensions: `
      SELECT e.oid::text AS oid, e.extname AS name, n.nspname AS schema, e.extversion AS version
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
      WHERE e.oid >= 16384`,

    eventTriggers: `
      SELECT e.oid::text AS oid, e.evtname AS name, e.evtevent AS event, e.evtenabled AS enabled,
        to_json(e.evttags) AS tags, fn.nspname AS fn_schema, f.proname AS fn_name
      FROM pg_event_trigger e
      JOIN pg_proc f ON f.oid = e.evtfoid
      JOIN pg_namespace fn ON fn.oid = f.pronamespace
      WHERE ${NOT_EXTENSION_MEMBER('pg_event_trigger', 'e.oid')}`,

    // Dependencies between user objects that their definitions do not show: the tables a view
    // reads (through its rewrite rule), functions used in defaults and checks, row types.
    depends: `
      SELECT d.classid::regclass::text AS catalog, d.objid::text AS oid,
        CASE WHEN d.classid = 'pg_rewrite'::regclass AND r.rulename = '_RETURN' THEN r.ev_class::text
             WHEN d.classid = 'pg_attrdef'::regclass THEN ad.adrelid::text
             WHEN d.classid = 'pg_constraint'::regclass THEN nullif(k.conrelid, 0)::text END AS owner_rel,
        CASE WHEN d.classid = 'pg_constraint'::regclass THEN nullif(k.contypid, 0)::text END AS owner_type,
        k.contype AS constraint_type,
        d.refclassid::regclass::text AS ref_catalog, d.refobjid::text AS ref_oid
      FROM pg_depend d
      LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
      LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
      LEFT JOIN pg_constraint k ON d.classid = 'pg_constraint'::regclass AND k.oid = d.objid
      WHERE d.deptype = 'n' AND d.objid >= 16384 AND d.refobjid >= 16384`,

    // Maps every type a user object can name (row types, array types) to its owner.
    typeOwners: `
      SELECT t.oid::text AS oid, coalesce(nullif(t.typrelid, 0), 0)::text AS rel,
        CASE WHEN t.typcategory = 'A' THEN t.typelem::text END AS elem
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.oid >= 16384 AND ${SYSTEM_SCHEMA('n')}`,
  };
}
