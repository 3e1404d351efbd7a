import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decode } from '@msgpack/msgpack';
import { CodecError, decodeObject, encodeObject, upgradeJson } from './codec.ts';
import type { BlockSchema, TfObject } from './framework.ts';
import { Unknown } from './framework.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
/** msgpack of `{"n": <value>}`: fixmap(1), fixstr "n", then the value's bytes. */
const withN = (value: string) => ({ msgpack: hex(`81 a1 6e ${value}`) });

const NUM: BlockSchema = { attributes: { n: { type: 'number', description: '', optional: true } } };
const STR: BlockSchema = { attributes: { n: { type: 'string', description: '', optional: true } } };

const BLOCK: BlockSchema = {
  attributes: {
    id: { type: 'string', description: '', computed: true },
    url: { type: 'string', description: '', required: true, sensitive: true },
    count: { type: 'number', description: '', optional: true },
    on: { type: 'bool', description: '', optional: true },
    tags: { type: ['list', 'string'], description: '', optional: true },
    names: { type: ['set', 'string'], description: '', optional: true },
    vars: { type: ['map', 'string'], description: '', optional: true },
    status: {
      type: ['object', { current: 'string', next: ['list', 'number'] }],
      description: '',
      computed: true,
    },
  },
  blocks: {
    diff: {
      nesting: 'single',
      block: {
        attributes: { concurrent_index: { type: 'bool', description: '', optional: true } },
        blocks: {
          skip: {
            nesting: 'single',
            block: { attributes: { drop_table: { type: 'bool', description: '', optional: true } } },
          },
        },
      },
    },
    rules: {
      nesting: 'list',
      block: { attributes: { name: { type: 'string', description: '', optional: true } } },
    },
    sets: {
      nesting: 'set',
      block: { attributes: { v: { type: 'number', description: '', optional: true } } },
    },
  },
};

const FULL: TfObject = {
  id: 'x',
  url: 'postgres://u:p@h/db',
  count: 3,
  on: true,
  tags: ['a', 'b'],
  names: ['z'],
  vars: { k: 'v', '': 'empty key' },
  status: { current: '1', next: [1, 2.5] },
  diff: { concurrent_index: false, skip: { drop_table: true } },
  rules: [{ name: 'r1' }, { name: null }],
  sets: [{ v: -1 }],
};

describe('numbers in every msgpack wire form', () => {
  const cases: [string, string, number][] = [
    ['positive fixint', '05', 5],
    ['negative fixint', 'ff', -1],
    ['uint8', 'cc ff', 255],
    ['uint16', 'cd 01 00', 256],
    ['uint32', 'ce 00 01 00 00', 65536],
    ['uint64 small', 'cf 00 00 00 00 00 00 00 07', 7],
    ['uint64 above 2^53', 'cf 00 40 00 00 00 00 00 00', 2 ** 54],
    ['int8', 'd0 80', -128],
    ['int16', 'd1 80 00', -32768],
    ['int32', 'd2 80 00 00 00', -(2 ** 31)],
    ['int64', 'd3 ff ff ff ff ff ff ff fe', -2],
    ['int64 below -2^53', 'd3 ff c0 00 00 00 00 00 00', -(2 ** 54)],
    ['float32', 'ca 3f c0 00 00', 1.5],
    ['float64', 'cb 3f b9 99 99 99 99 99 9a', 0.1],
    ['decimal string', 'a4 31 65 32 30', 1e20],
    [
      'decimal string, more digits than a float64',
      'b4 31 32 33 34 35 36 37 38 39 30 31 32 33 34 35 36 37 38 39 30',
      // The nearest float64: cty sends more precision than a JS number holds.
      Number('12345678901234567890'),
    ],
  ];
  for (const [name, bytes, want] of cases)
    test(name, () => assert.deepEqual(decodeObject(withN(bytes), NUM), { n: want }));

  test('a string that is not a number is refused with its path', () => {
    assert.throws(
      () => decodeObject(withN('a1 78'), NUM),
      (e: unknown) => {
        assert.ok(e instanceof CodecError);
        assert.deepEqual(e.path, ['n']);
        assert.match(e.message, /^n: expected a number, got the string "x"/);
        return true;
      },
    );
  });

  test('integers encode compactly, fractions as float64, big integers exactly', () => {
    assert.equal(Buffer.from(encodeObject({ n: 5 }, NUM).msgpack!).toString('hex'), '81a16e05');
    assert.equal(Buffer.from(encodeObject({ n: -300 }, NUM).msgpack!).toString('hex'), '81a16ed1fed4');
    assert.equal(
      Buffer.from(encodeObject({ n: 0.1 }, NUM).msgpack!).toString('hex'),
      '81a16ecb3fb999999999999a',
    );
    assert.deepEqual(decodeObject(encodeObject({ n: 2 ** 60 }, NUM), NUM), { n: 2 ** 60 });
  });
});

describe('unknown values', () => {
  test('ext 0 (fixext1 d4 00 00) decodes as Unknown, and Unknown encodes as it', () => {
    assert.deepEqual(decodeObject(withN('d4 00 00'), STR), { n: Unknown });
    assert.equal(Buffer.from(encodeObject({ n: Unknown }, STR).msgpack!).toString('hex'), '81a16ed40000');
  });
  test('ext 12 (a refined unknown from Terraform >= 1.6) is Unknown', () => {
    assert.deepEqual(decodeObject(withN('c7 03 0c 81 01 c2'), STR), { n: Unknown });
  });
  test('any other extension type or width is Unknown too', () => {
    assert.deepEqual(decodeObject(withN('d6 05 01 02 03 04'), STR), { n: Unknown });
    assert.deepEqual(decodeObject(withN('c7 00 7f'), NUM), { n: Unknown });
    assert.deepEqual(decodeObject(withN('d5 ff 00 00'), NUM), { n: Unknown }); // -1: msgpack's timestamp type
  });
  test('unknown collections, objects and blocks', () => {
    const dv = encodeObject(
      { ...FULL, tags: Unknown, status: Unknown, diff: Unknown, rules: Unknown },
      BLOCK,
    );
    const back = decodeObject(dv, BLOCK)!;
    assert.equal(back.tags, Unknown);
    assert.equal(back.status, Unknown);
    assert.equal(back.diff, Unknown);
    assert.equal(back.rules, Unknown);
  });
});

describe('objects', () => {
  test('round trip of every type and nesting mode', () => {
    assert.deepEqual(decodeObject(encodeObject(FULL, BLOCK), BLOCK), FULL);
  });

  test('every attribute and block key is written, null when unset, sorted', () => {
    const raw = decode(encodeObject({ url: 'u' }, BLOCK).msgpack!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(raw), [
      'count',
      'diff',
      'id',
      'names',
      'on',
      'rules',
      'sets',
      'status',
      'tags',
      'url',
      'vars',
    ]);
    assert.deepEqual(raw, {
      count: null,
      diff: null,
      id: null,
      names: null,
      on: null,
      rules: [],
      sets: [],
      status: null,
      tags: null,
      url: 'u',
      vars: null,
    });
  });

  test('object-typed attributes get every key of their type', () => {
    const raw = decode(encodeObject({ url: 'u', status: { current: '1' } }, BLOCK).msgpack!) as Record<
      string,
      unknown
    >;
    assert.deepEqual(raw.status, { current: '1', next: null });
  });

  test('nested blocks are encoded with all their keys', () => {
    const raw = decode(encodeObject({ url: 'u', diff: {}, rules: [{}] }, BLOCK).msgpack!) as Record<
      string,
      unknown
    >;
    assert.deepEqual(raw.diff, { concurrent_index: null, skip: null });
    assert.deepEqual(raw.rules, [{ name: null }]);
  });

  test('decoding fills missing keys: null attributes, null single blocks, empty list/set blocks', () => {
    const dv = { msgpack: Buffer.from('81a375726ca175', 'hex') }; // {"url": "u"}
    assert.deepEqual(decodeObject(dv, BLOCK), {
      id: null,
      url: 'u',
      count: null,
      on: null,
      tags: null,
      names: null,
      vars: null,
      status: null,
      diff: null,
      rules: [],
      sets: [],
    });
  });

  test('nil is a null object; an empty DynamicValue too', () => {
    assert.equal(decodeObject({ msgpack: hex('c0') }, BLOCK), null);
    assert.equal(decodeObject({}, BLOCK), null);
    assert.equal(decodeObject(null, BLOCK), null);
    assert.equal(Buffer.from(encodeObject(null, BLOCK).msgpack!).toString('hex'), 'c0');
  });

  test('a value of the wrong type is refused with the path to it', () => {
    assert.throws(
      () => encodeObject({ url: 'u', rules: [{ name: 5 }] }, BLOCK),
      (e: unknown) =>
        e instanceof CodecError && e.message === 'rules[0].name: expected a string, got number 5',
    );
    assert.throws(
      () => encodeObject({ url: 'u', vars: { k: true } }, BLOCK),
      (e: unknown) =>
        e instanceof CodecError && e.message === 'vars["k"]: expected a string, got boolean true',
    );
  });

  test('map keys are data, never prototypes', () => {
    const raw = `{"url":"u","vars":{"__proto__":"x","constructor":"y"}}`;
    const v = decodeObject({ json: Buffer.from(raw) }, BLOCK)!;
    assert.deepEqual(Object.keys(v.vars as object), ['__proto__', 'constructor']);
    assert.equal(Object.getPrototypeOf(v.vars), Object.prototype);
    // @msgpack/msgpack refuses the key outright: a clear error rather than a polluted object.
    const encoded = encodeObject(v, BLOCK);
    assert.throws(() => decodeObject(encoded, BLOCK), /the map key "__proto__" is not supported/);
  });
});

describe('JSON DynamicValue and state upgrade', () => {
  test('JSON is read when msgpack is empty', () => {
    const json = Buffer.from(JSON.stringify({ url: 'u', count: 2, diff: { concurrent_index: true } }));
    const v = decodeObject({ msgpack: Buffer.alloc(0), json }, BLOCK)!;
    assert.equal(v.count, 2);
    assert.deepEqual(v.diff, { concurrent_index: true, skip: null });
  });

  test('an older state: attributes that no longer exist are dropped, new ones null, at every level', () => {
    const old = {
      id: 'x',
      url: 'u',
      removed_attr: 'gone',
      status: { current: '1', old_field: 'gone' },
      diff: { concurrent_index: true, removed: 1, skip: { drop_table: false, drop_schema: true } },
      rules: [{ name: 'a', legacy: 1 }],
    };
    const v = upgradeJson(Buffer.from(JSON.stringify(old)), BLOCK)!;
    assert.deepEqual(v, {
      id: 'x',
      url: 'u',
      count: null,
      on: null,
      tags: null,
      names: null,
      vars: null,
      status: { current: '1', next: null },
      diff: { concurrent_index: true, skip: { drop_table: false } },
      rules: [{ name: 'a' }],
      sets: [],
    });
    // And it encodes as a full object of the current schema.
    assert.deepEqual(decodeObject(encodeObject(v, BLOCK), BLOCK), v);
  });
});
