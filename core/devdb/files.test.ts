import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isUserError } from '../errors.ts';
import { readDesiredSources } from './files.ts';

async function scratch(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'files-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const paths = async (to: string[], cwd: string) => {
  const s = await readDesiredSources(to, cwd);
  assert.equal(s.kind, 'files');
  return s.kind === 'files' ? s.files.map((f) => [f.path, f.text]) : [];
};

test('a directory: its .sql files in lexical order, not recursive, paths as given', async () => {
  const dir = await scratch({
    'db/10_b.sql': 'b',
    'db/02_a.sql': 'a',
    'db/B.sql': 'upper',
    'db/notes.txt': 'x',
    'db/sub/01.sql': 'nested',
  });
  assert.deepStrictEqual(await paths(['file://./db/'], dir), [
    ['./db/02_a.sql', 'a'],
    ['./db/10_b.sql', 'b'],
    ['./db/B.sql', 'upper'],
  ]);
  assert.deepStrictEqual(
    (await paths(['file://db'], dir)).map(([p]) => p),
    ['db/02_a.sql', 'db/10_b.sql', 'db/B.sql'],
  );
});

test('files and directories in the order given; absolute paths; a BOM is dropped', async () => {
  const dir = await scratch({ 'schema.sql': '\uFEFFCREATE TABLE t ();', 'more/x.sql': 'x' });
  assert.deepStrictEqual(
    await paths(['file://more/', 'file://schema.sql', `file://${dir}/more/x.sql`], dir),
    [
      ['more/x.sql', 'x'],
      ['schema.sql', 'CREATE TABLE t ();'],
      [`${dir}/more/x.sql`, 'x'],
    ],
  );
});

test('a missing path, an empty directory or a bare path is refused with BAD_ARGS', async () => {
  const dir = await scratch({ 'empty/.keep': '' });
  const refused = async (to: string[], pattern: RegExp) => {
    await assert.rejects(
      readDesiredSources(to, dir),
      (e) => isUserError(e) && e.code === 'BAD_ARGS' && pattern.test(e.message),
    );
  };
  await refused(
    ['file://nope.sql'],
    /^desired state file:\/\/nope\.sql: no such file or directory "nope\.sql" \(relative to /,
  );
  await refused(['file:///nope/x.sql'], /no such file or directory "\/nope\/x\.sql"$/);
  await refused(['file://empty'], /directory "empty" \(from file:\/\/empty\) holds no \.sql or \.hcl files/);
  await refused(['schema.sql'], /neither a file:\/\/ path nor a database URL: write file:\/\/schema\.sql/);
  await refused(['file://'], /names no file/);
  await refused(['pglite://', 'file://x.sql'], /must be the only one/);
  await refused([], /no desired state/);
});

test('a database URL is passed through', async () => {
  assert.deepStrictEqual(await readDesiredSources(['postgres://u@h/db?search_path=app']), {
    kind: 'url',
    url: 'postgres://u@h/db?search_path=app',
  });
});

test('HCL: a directory of .hcl files is an HCL source; atlas.hcl is left out of it', async () => {
  const dir = await scratch({ 'hcl/b.hcl': 'b', 'hcl/a.hcl': 'a', 'hcl/atlas.hcl': 'env {}' });
  const s = await readDesiredSources(['file://hcl'], dir);
  assert.deepStrictEqual(s, {
    kind: 'hcl',
    files: [
      { path: 'hcl/a.hcl', text: 'a' },
      { path: 'hcl/b.hcl', text: 'b' },
    ],
  });
});

test('HCL: mixing SQL and HCL, or giving atlas.hcl as a schema, is refused with what to do', async () => {
  const dir = await scratch({ 'a.sql': 'x', 'b.hcl': 'y', 'atlas.hcl': 'env {}' });
  await assert.rejects(
    readDesiredSources(['file://a.sql', 'file://b.hcl'], dir),
    /mixes SQL and HCL files \(b\.hcl, a\.sql\).*composite_schema/,
  );
  await assert.rejects(
    readDesiredSources(['file://atlas.hcl'], dir),
    /atlas\.hcl is a project file, not a schema: select an environment with --env NAME/,
  );
});

test('project-file sources: inline text and a composite of members', async () => {
  const inline = { kind: 'inline' as const, path: 'data.external_schema.app', text: 'CREATE TABLE t ();' };
  assert.deepStrictEqual(await readDesiredSources([inline]), {
    kind: 'files',
    files: [{ path: 'data.external_schema.app', text: 'CREATE TABLE t ();' }],
  });
  const composite = {
    kind: 'composite' as const,
    name: 'data.composite_schema.app',
    members: [{ schema: 'app', src: [inline] }],
  };
  assert.deepStrictEqual(await readDesiredSources([composite]), {
    kind: 'composite',
    name: 'data.composite_schema.app',
    members: [
      {
        schema: 'app',
        sources: { kind: 'files', files: [{ path: 'data.external_schema.app', text: 'CREATE TABLE t ();' }] },
      },
    ],
  });
  await assert.rejects(readDesiredSources([composite, 'file://x.sql']), /must be the only desired state/);
});
