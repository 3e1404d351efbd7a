// applyPlan against a real PostgreSQL server: the fingerprint guard, the schema lock, and the
// split between transactional statements and those that must run after the commit. Plans are
// written by hand so that these tests depend on the executor only, not on the planner.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import pg from 'pg';
import { freshPgDatabase, psqlExec } from '../../test/helpers/db.ts';
import type { Driver, Stmt } from '../drivers/driver.ts';
import { openDriver } from '../drivers/open.ts';
import { lockKey } from '../drivers/postgres/exec.ts';
import { ExecError, isUserError } from '../errors.ts';
import { fingerprint } from '../schema/fingerprint.ts';
import { APPLY_LOCK, applyPlan } from './apply.ts';
import type { Plan } from './plan.ts';
import { renderExecFailure } from './render-plan.ts';

async function open(t: TestContext, url: string): Promise<Driver> {
  const driver = await openDriver(url);
  t.after(() => driver.close().catch(() => {}));
  return driver;
}

const currentFingerprint = (driver: Driver) => async () => fingerprint(await driver.inspect());

/** A plan of `stmts` made from the database's schema as it is now. */
async function planOf(driver: Driver, stmts: Stmt[]): Promise<Plan> {
  const fp = fingerprint(await driver.inspect());
  return { changes: [], stmts, fromFingerprint: fp, toFingerprint: 'unknown' };
}

async function relations(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await c.end();
  }
}

/** Holds the apply lock from another session, as a concurrent apply would. */
async function holdLock(t: TestContext, url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {}); // DROP DATABASE ... WITH (FORCE) at the end terminates it
  await c.connect();
  t.after(() => c.end().catch(() => {}));
  await c.query('SELECT pg_advisory_lock($1)', [lockKey(APPLY_LOCK)]);
  return c;
}

async function lockFree(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      lockKey(APPLY_LOCK),
    ]);
    return rows[0]?.ok === true;
  } finally {
    await c.end();
  }
}

const CREATE_USERS: Stmt = {
  sql: 'CREATE TABLE users (id int PRIMARY KEY, email text)',
  comment: 'Create "users"',
};
const ADD_NAME: Stmt = { sql: 'ALTER TABLE users ADD COLUMN name text', comment: 'Add column "name"' };
const INDEX_CONCURRENTLY: Stmt = {
  sql: 'CREATE INDEX CONCURRENTLY users_email ON users (email)',
  comment: 'Create index "users_email"',
  transactional: false,
};

test('applies a plan and releases the lock', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  const plan = await planOf(driver, [CREATE_USERS, ADD_NAME]);
  const res = await applyPlan(driver, plan, {
    txMode: 'file',
    lockTimeoutMs: 1000,
    currentFingerprint: currentFingerprint(driver),
  });
  assert.deepEqual(res, { applied: [CREATE_USERS, ADD_NAME], nonTransactionalApplied: [] });
  assert.deepEqual(await relations(db.url), ['users', 'users_pkey']);
  assert.ok(await lockFree(db.url), 'the lock was released');
});

test('refuses when the database changed since the plan was made', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  const plan = await planOf(driver, [CREATE_USERS]);
  await psqlExec(db.url, 'CREATE TABLE sneaky (id int);'); // out of band, after planning
  await assert.rejects(
    applyPlan(driver, plan, {
      txMode: 'file',
      lockTimeoutMs: 1000,
      currentFingerprint: currentFingerprint(driver),
    }),
    (e: unknown) => {
      assert.ok(isUserError(e));
      assert.equal(e.code, 'CHANGED');
      assert.equal(e.message, 'database changed since the plan was made; plan again');
      return true;
    },
  );
  assert.deepEqual(await relations(db.url), ['sneaky'], 'nothing from the plan ran');
  assert.ok(await lockFree(db.url), 'the lock was released');
});

test('waits for the lock held by another session, then gives up with a message', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  await holdLock(t, db.url);
  const plan = await planOf(driver, [CREATE_USERS]);
  const start = Date.now();
  await assert.rejects(
    applyPlan(driver, plan, {
      txMode: 'file',
      lockTimeoutMs: 500,
      currentFingerprint: currentFingerprint(driver),
    }),
    (e: unknown) => {
      assert.ok(isUserError(e));
      assert.equal(e.code, 'LOCKED');
      assert.equal(
        e.message,
        'another atlas-ts apply holds the lock "atlas_ts_schema_apply" on this database; waited 0.5 s',
      );
      return true;
    },
  );
  assert.ok(Date.now() - start >= 500, 'it waited');
  assert.deepEqual(await relations(db.url), []);
});

test('waits for the lock and applies once the other session releases it in time', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  const holder = await holdLock(t, db.url);
  const plan = await planOf(driver, [CREATE_USERS]);
  setTimeout(() => void holder.query('SELECT pg_advisory_unlock($1)', [lockKey(APPLY_LOCK)]), 400);
  const start = Date.now();
  await applyPlan(driver, plan, {
    txMode: 'file',
    lockTimeoutMs: 5000,
    currentFingerprint: currentFingerprint(driver),
  });
  assert.ok(Date.now() - start >= 350, 'it waited for the release');
  assert.deepEqual(await relations(db.url), ['users', 'users_pkey']);
});

test('CREATE INDEX CONCURRENTLY runs after the transaction commits', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  // Plan order puts the index between the table and the column; inside the transaction
  // PostgreSQL would refuse it, so succeeding shows it ran on its own after the commit.
  const plan = await planOf(driver, [CREATE_USERS, INDEX_CONCURRENTLY, ADD_NAME]);
  for (const txMode of ['file', 'none'] as const) {
    await psqlExec(db.url, 'DROP TABLE IF EXISTS users;');
    const res = await applyPlan(driver, plan, {
      txMode,
      lockTimeoutMs: 1000,
      currentFingerprint: currentFingerprint(driver),
    });
    assert.deepEqual(res, {
      applied: [CREATE_USERS, ADD_NAME],
      nonTransactionalApplied: [INDEX_CONCURRENTLY],
    });
    assert.deepEqual(await relations(db.url), ['users', 'users_email', 'users_pkey']);
  }
});

test('a failing non-transactional statement: the transaction stays committed, the error says so', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  await psqlExec(db.url, 'CREATE TABLE dup (v int); INSERT INTO dup VALUES (1), (1);');
  const unique: Stmt = {
    sql: 'CREATE UNIQUE INDEX CONCURRENTLY dup_v ON dup (v)',
    comment: 'Create index "dup_v"',
    transactional: false,
  };
  const plan = await planOf(driver, [CREATE_USERS, unique, ADD_NAME]);
  const e = await applyPlan(driver, plan, {
    txMode: 'file',
    lockTimeoutMs: 1000,
    currentFingerprint: currentFingerprint(driver),
  }).then(
    () => assert.fail('expected the unique index to fail'),
    (e: unknown) => e,
  );
  assert.ok(e instanceof ExecError, String(e));
  const f = e.failure;
  assert.equal(f.index, 2, 'numbered in execution order: after the two transactional statements');
  assert.equal(f.total, 3);
  assert.deepEqual([f.applied, f.rolledBack, f.notRun], [2, 0, 0]);
  assert.match(
    e.message,
    /^statement 3 of 3 \(Create index "dup_v"\) failed: could not create unique index "dup_v"; 2 statements before it stay applied$/,
  );
  // The table and column were committed; a concurrent build that fails leaves an invalid index.
  assert.ok((await relations(db.url)).includes('users'));
  assert.ok(await lockFree(db.url), 'the lock was released');
});

test('a failing statement in file mode leaves the database unchanged', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  await psqlExec(db.url, 'CREATE TABLE people (id int); INSERT INTO people VALUES (1);');
  const notNull: Stmt = {
    sql: 'ALTER TABLE people ADD COLUMN age int NOT NULL',
    comment: 'Add column "age"',
  };
  const plan = await planOf(driver, [CREATE_USERS, notNull, INDEX_CONCURRENTLY]);
  const before = fingerprint(await driver.inspect());
  const e = await applyPlan(driver, plan, {
    txMode: 'file',
    lockTimeoutMs: 1000,
    currentFingerprint: currentFingerprint(driver),
  }).then(
    () => assert.fail('expected NOT NULL to fail'),
    (e: unknown) => e,
  );
  assert.ok(e instanceof ExecError, String(e));
  assert.deepEqual(
    [e.failure.index, e.failure.applied, e.failure.rolledBack, e.failure.notRun],
    [1, 0, 1, 1],
  );
  assert.match(
    e.message,
    /contains null values; the transaction was rolled back \(1 statement undone\), the database is unchanged, 1 statement after it did not run$/,
  );
  assert.equal(fingerprint(await driver.inspect()), before);
  assert.ok(await lockFree(db.url), 'the lock was released');
});

test('the failure report shows the statement with a caret at the position and DETAIL', async (t) => {
  const db = await freshPgDatabase(t);
  const driver = await open(t, db.url);
  await psqlExec(
    db.url,
    `CREATE TABLE people (id int, name text); INSERT INTO people VALUES (1, 'a'), (2, 'a');`,
  );
  const typo: Stmt = {
    sql: 'CREATE VIEW v AS\n  SELECT id,\n    nmae\n  FROM people',
    comment: 'Create "v" view',
  };
  const e = await applyPlan(driver, await planOf(driver, [CREATE_USERS, typo]), {
    txMode: 'file',
    lockTimeoutMs: 1000,
    currentFingerprint: currentFingerprint(driver),
  }).then(
    () => assert.fail('expected the typo to fail'),
    (e: unknown) => e,
  );
  assert.ok(e instanceof ExecError, String(e));
  assert.equal(
    renderExecFailure(e),
    [
      '  -- 2. Create "v" view',
      '  CREATE VIEW v AS',
      '    SELECT id,',
      '      nmae',
      '      ^',
      '    FROM people',
      '  HINT: Perhaps you meant to reference the column "people.name".',
      '',
    ].join('\n'),
  );
  const unique: Stmt = { sql: 'CREATE UNIQUE INDEX people_name ON people (name)' };
  const dup = await applyPlan(driver, await planOf(driver, [unique]), {
    txMode: 'none',
    lockTimeoutMs: 1000,
    currentFingerprint: currentFingerprint(driver),
  }).then(
    () => assert.fail('expected the unique index to fail'),
    (e: unknown) => e,
  );
  assert.ok(dup instanceof ExecError, String(dup));
  assert.equal(
    renderExecFailure(dup),
    '  -- 1. CREATE UNIQUE INDEX people_name ON people (name)\n  CREATE UNIQUE INDEX people_name ON people (name)\n  DETAIL: Key (name)=(a) is duplicated.\n',
  );
});
