// Unit tests of the canonical serialization and the state fingerprint built on it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { canonicalJson, fingerprint } from './fingerprint.ts';
import { type Column, emptyRealm, emptySchema, emptyTable, type Realm } from './model.ts';

const col = (name: string, raw = 'integer', normalized = 'int4'): Column => ({
  name,
  type: { raw, normalized },
  nullable: false,
});

function tinyRealm(): Realm {
  const realm = emptyRealm('postgres');
  const s = emptySchema('public');
  const t = emptyTable('t');
  t.columns.push(col('id'));
  s.tables.push(t);
  realm.schemas.push(s);
  return realm;
}

/** The canonical form of tinyRealm(), written out by hand: keys sorted by code point. */
const TINY_CANONICAL =
  '{"dialect":"postgres","eventTriggers":[],"extensions":[],"schemas":[{' +
  '"aggregates":[],"composites":[],"domains":[],"enums":[],"functions":[],"materializedViews":[],' +
  '"name":"public","ranges":[],"sequences":[],"tables":[{' +
  '"checks":[],"columns":[{"name":"id","nullable":false,"type":{"normalized":"int4","raw":"integer"}}],' +
  '"exclusions":[],"foreignKeys":[],"indexes":[],"name":"t","policies":[],"triggers":[],"uniques":[]' +
  '}],"views":[]}]}';

describe('canonicalJson', () => {
  test('scalars as JSON', () => {
    assert.equal(canonicalJson(null), 'null');
    assert.equal(canonicalJson(1.5), '1.5');
    assert.equal(canonicalJson(true), 'true');
    assert.equal(canonicalJson('a"b\n'), '"a\\"b\\n"');
  });

  test('object keys are sorted by code point, at every level', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 }, B: 0 }), '{"B":0,"a":{"c":3,"d":2},"b":1}');
  });

  test('key insertion order does not matter', () => {
    const x = { name: 'x', list: [{ q: 1, p: 2 }], nested: { z: true, y: null } };
    const y = { nested: { y: null, z: true }, list: [{ p: 2, q: 1 }], name: 'x' };
    assert.equal(canonicalJson(x), canonicalJson(y));
  });

  test('undefined members are dropped, null members kept', () => {
    assert.equal(canonicalJson({ a: undefined, b: null, c: 1 }), '{"b":null,"c":1}');
    assert.equal(canonicalJson({ a: 1, comment: undefined }), canonicalJson({ a: 1 }));
  });

  test('undefined array elements become null, as in JSON.stringify', () => {
    assert.equal(canonicalJson([1, undefined, 2]), '[1,null,2]');
  });

  test('array order is significant', () => {
    assert.notEqual(canonicalJson(['a', 'b']), canonicalJson(['b', 'a']));
    assert.equal(canonicalJson([{ b: 1, a: 2 }, []]), '[{"a":2,"b":1},[]]');
  });

  test('is valid JSON that parses back to the same data', () => {
    const value = { z: [1, 'two', { y: null, x: [true] }], a: 'ünï"cöde' };
    assert.deepEqual(JSON.parse(canonicalJson(value)), value);
  });

  test('the canonical form of a tiny realm', () => {
    assert.equal(canonicalJson(tinyRealm()), TINY_CANONICAL);
  });
});

describe('fingerprint', () => {
  test('is the base64 SHA-256 of the canonical form', () => {
    const expected = createHash('sha256').update(TINY_CANONICAL, 'utf8').digest('base64');
    assert.equal(fingerprint(tinyRealm()), expected);
    assert.match(fingerprint(tinyRealm()), /^[A-Za-z0-9+/]{43}=$/);
  });

  test('the empty realm', () => {
    const expected = createHash('sha256')
      .update('{"dialect":"postgres","eventTriggers":[],"extensions":[],"schemas":[]}')
      .digest('base64');
    assert.equal(fingerprint(emptyRealm('postgres')), expected);
    assert.notEqual(fingerprint(emptyRealm('mysql')), expected);
  });

  test('key order and undefined members do not change it', () => {
    const a = tinyRealm();
    const b = tinyRealm();
    const t = b.schemas[0]!.tables[0]!;
    b.schemas[0]!.tables[0] = Object.fromEntries(Object.entries(t).reverse()) as typeof t;
    t.comment = undefined;
    b.schemas[0]!.tables[0]!.comment = undefined;
    assert.equal(fingerprint(b), fingerprint(a));
  });

  test('collections sorted by name do not depend on their input order', () => {
    const a = tinyRealm();
    a.schemas[0]!.tables.push(emptyTable('u'));
    a.schemas.push(emptySchema('app'));
    const b = tinyRealm();
    b.schemas[0]!.tables.unshift(emptyTable('u'));
    b.schemas.unshift(emptySchema('app'));
    assert.equal(fingerprint(b), fingerprint(a));
  });

  test('column order is significant', () => {
    const a = tinyRealm();
    a.schemas[0]!.tables[0]!.columns.push(col('b'));
    const b = tinyRealm();
    b.schemas[0]!.tables[0]!.columns.unshift(col('b'));
    assert.notEqual(fingerprint(b), fingerprint(a));
  });

  test('any change to the content changes it', () => {
    const base = fingerprint(tinyRealm());
    const changed = tinyRealm();
    changed.schemas[0]!.tables[0]!.columns[0]!.nullable = true;
    assert.notEqual(fingerprint(changed), base);
    const commented = tinyRealm();
    commented.schemas[0]!.comment = 'x';
    assert.notEqual(fingerprint(commented), base);
  });

  test('does not reorder the caller realm', () => {
    const realm = tinyRealm();
    realm.schemas[0]!.tables.unshift(emptyTable('z'));
    realm.schemas.push(emptySchema('a'));
    const before = JSON.stringify(realm);
    fingerprint(realm);
    assert.equal(JSON.stringify(realm), before);
  });
});
