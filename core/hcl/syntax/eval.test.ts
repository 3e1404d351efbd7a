// Unit tests of expression evaluation: HCL's semantics for every expression kind, Opaque values,
// and the position and wording of evaluation errors.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL sources, full of ${...}
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  closest,
  convertToNumber,
  type EvalContext,
  evaluate,
  formatNumber,
  isObject,
  makeObject,
  Opaque,
  typeName,
  type Value,
  valueEquals,
  withVariables,
} from './eval.ts';
import { stdlib } from './functions.ts';
import { parseHcl } from './parser.ts';
import { HclError, type Range } from './position.ts';

/** A reference to a schema object, as the decoder makes them. */
class Ref extends Opaque {
  constructor(readonly path: string) {
    super();
  }
  describe(): string {
    return `reference ${this.path}`;
  }
  override getAttr(name: string): Value {
    return new Ref(`${this.path}.${name}`);
  }
  override equals(other: Value): boolean {
    return other instanceof Ref && other.path === this.path;
  }
  override toTemplate(): string {
    return this.path;
  }
}

/** A type constructor: no attributes, no place in strings. */
class TypeCtor extends Opaque {
  describe(): string {
    return 'type int';
  }
}

const VARS: Record<string, Value> = {
  n: 2,
  s: 'str',
  t: true,
  nothing: null,
  list: [1, 2, 3],
  names: ['b', 'a'],
  obj: makeObject([
    ['name', 'users'],
    ['size', 10],
  ]),
  users: [makeObject([['name', 'ann']]), makeObject([['name', 'bob']])],
  nested: [makeObject([['tags', ['x', 'y']]]), makeObject([['tags', ['z']]])],
  m: makeObject([
    ['b', 2],
    ['a', 1],
    ['c', 3],
  ]),
  column: new Ref('column'),
  table: new Ref('table'),
  int: new TypeCtor(),
};

function context(vars: Record<string, Value> = VARS): EvalContext {
  return {
    variable: (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined),
    variableNames: () => Object.keys(vars),
    functions: stdlib,
  };
}

function run(src: string, ctx: EvalContext = context()): Value {
  const f = parseHcl(`x = ${src}\n`, 'e.hcl');
  return evaluate(f.body.attributes[0]!.expr, ctx);
}

/** `file:line:col: message` of the evaluation error (the expression starts at column 5). */
function fails(src: string, ctx: EvalContext = context()): string {
  try {
    run(src, ctx);
  } catch (e) {
    if (e instanceof HclError) return e.describe();
    throw e;
  }
  assert.fail(`expected an error from ${src}`);
}

/** Values compared structurally, whatever the prototype of objects. */
function same(actual: Value, expected: unknown, message?: string): void {
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), expected, message);
}

describe('literals, operators and conditionals', () => {
  test('arithmetic and precedence', () => {
    assert.equal(run('1 + 2 * 3'), 7);
    assert.equal(run('(1 + 2) * 3'), 9);
    assert.equal(run('10 / 4'), 2.5);
    assert.equal(run('7 % 3'), 1);
    assert.equal(run('-n - 1'), -3);
    assert.equal(run('2 - 3 - 4'), -5, 'left-associative');
    assert.equal(run('"5" + 1'), 6, 'strings that look like numbers convert');
  });

  test('comparison and equality', () => {
    assert.equal(run('1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4'), false);
    assert.equal(run('1 == 1.0'), true);
    assert.equal(run('1 == "1"'), false, 'no conversion for equality');
    assert.equal(run('[1, {a = "x"}] == [1, {a = "x"}]'), true);
    assert.equal(run('{a = 1} != {a = 1, b = 2}'), true);
    assert.equal(run('null == nothing'), true);
    assert.equal(run('column.id == column.id'), true, 'Opaque equality');
    assert.equal(run('column.id == column.name'), false);
  });

  test('logic, with the right side skipped when the left decides', () => {
    assert.equal(run('t && !false'), true);
    assert.equal(run('false || "true"'), true);
    assert.equal(run('false && obj.missing'), false);
    assert.equal(run('true || obj.missing'), true);
    assert.equal(run('nothing != null && nothing.x'), false);
  });

  test('conditionals evaluate only the chosen side', () => {
    assert.equal(run('n > 1 ? "big" : obj.missing'), 'big');
    assert.equal(run('length(list) > 5 ? list[5] : -1'), -1);
  });

  test('operand errors point at the operand', () => {
    assert.equal(
      fails('1 + true'),
      'e.hcl:1:9: Invalid operand: the right operand of "+" must be a number, got the bool true',
    );
    assert.equal(
      fails('"abc" * 2'),
      'e.hcl:1:5: Invalid operand: the left operand of "*" must be a number, got the string "abc"',
    );
    assert.equal(
      fails('1 && true'),
      'e.hcl:1:5: Invalid operand: the left operand of "&&" must be a bool, got the number 1',
    );
    assert.equal(
      fails('!1'),
      'e.hcl:1:6: Invalid operand: the operand of "!" must be a bool, got the number 1',
    );
    assert.equal(fails('n / 0'), 'e.hcl:1:9: Invalid operand: division by zero');
    assert.equal(
      fails('1 ? 2 : 3'),
      'e.hcl:1:5: Invalid condition: the condition of "? :" must be a bool, got the number 1',
    );
    assert.equal(
      fails('nothing < 1'),
      'e.hcl:1:5: Invalid operand: the left operand of "<" must be a number, got null',
    );
  });
});

describe('templates', () => {
  test('stringify numbers and bools', () => {
    assert.equal(
      run('"n=${n} t=${t} f=${1.5} big=${1e21} small=${0.0000001}"'),
      'n=2 t=true f=1.5 big=1000000000000000000000 small=0.0000001',
    );
    assert.equal(run('"${s}-${n}"'), 'str-2');
  });

  test('a lone interpolation is the value itself', () => {
    assert.equal(run('"${n}"'), 2);
    assert.equal(run('"${t}"'), true);
    same(run('"${list}"'), [1, 2, 3]);
    const v = run('"${column.id}"');
    assert.ok(v instanceof Ref && v.path === 'column.id');
    assert.equal(run('"${""}${t}"'), 'true', 'two interpolations make a string');
    assert.equal(run('<<EOT\n${n}\nEOT'), '2\n');
  });

  test('Opaque values use toTemplate, or are an error', () => {
    assert.equal(run('"SELECT ${table.users.name} FROM x"'), 'SELECT table.users.name FROM x');
    assert.equal(
      fails('"a ${int}"'),
      'e.hcl:1:10: Invalid template interpolation value: type int cannot be part of a string',
    );
  });

  test('null and collections are errors', () => {
    assert.equal(
      fails('"a ${nothing}"'),
      'e.hcl:1:10: Invalid template interpolation value: the value is null, and null cannot be part of a string',
    );
    assert.match(
      fails('"a ${list}"'),
      /^e\.hcl:1:10: Invalid template interpolation value: a tuple cannot be part of a string/,
    );
  });

  test('directives', () => {
    assert.equal(run('"%{ if t }yes%{ else }no%{ endif }"'), 'yes');
    assert.equal(run('"%{ if !t }yes%{ endif }"'), '');
    assert.equal(run('"%{ for v in list }${v},%{ endfor }"'), '1,2,3,');
    assert.equal(run('"%{ for k, v in m }${k}=${v};%{ endfor }"'), 'a=1;b=2;c=3;', 'objects in key order');
    assert.equal(run('"%{ for i, v in names }${i}:${v} %{ endfor }"'), '0:b 1:a ');
    assert.equal(run('"%{ for v in [true] }${v}%{ endfor }"'), 'true', 'a directive prevents unwrapping');
    assert.equal(run('"%{ if "true" }x%{ endif }"'), 'x');
    assert.match(
      fails('"%{ if 1 }x%{ endif }"'),
      /^e\.hcl:1:12: Invalid condition: the condition of %\{ if \} must be a bool/,
    );
  });

  test('heredocs with interpolations and strip markers', () => {
    const src =
      '<<-EOT\n    SELECT ${table.users.name}\n    %{ for c in names }\n      , ${c}\n    %{ endfor }\n    FROM t\n    EOT';
    assert.equal(
      run(src),
      'SELECT table.users.name\n\n  , b\n\n  , a\n\nFROM t\n',
      'directive lines leave their line ends',
    );
    // As in HCL, indentation is removed after strip markers are applied: a line after a "~}" that
    // ate the line end no longer starts a line, so it keeps its indentation.
    const stripped =
      '<<-EOT\n    SELECT 1\n    %{ for c in names ~}\n      , ${c}\n    %{ endfor ~}\n    FROM t\n    EOT';
    assert.equal(run(stripped), 'SELECT 1\n      , b\n      , a\n    FROM t\n');
    assert.equal(run('"a ${~ "b" ~} c"'), 'abc');
  });
});

describe('variables, attributes and indexes', () => {
  test('unknown variables, with a suggestion', () => {
    const ctx = context({ column: new Ref('column'), table: new Ref('table') });
    assert.equal(fails('colum.id', ctx), 'e.hcl:1:5: Unknown variable "colum"; did you mean "column"?');
    assert.equal(fails('zzz', ctx), 'e.hcl:1:5: Unknown variable "zzz"');
    const noNames: EvalContext = { variable: () => undefined, functions: {} };
    assert.equal(fails('x', noNames), 'e.hcl:1:5: Unknown variable "x"');
  });

  test('attributes of objects, with a suggestion', () => {
    assert.equal(run('obj.name'), 'users');
    assert.equal(
      fails('obj.nmae'),
      'e.hcl:1:9: Unsupported attribute: object has no attribute "nmae"; did you mean "name"?',
    );
    assert.equal(fails('nothing.x'), 'e.hcl:1:13: Unsupported attribute: cannot read "x" from a null value');
    assert.match(
      fails('users.name'),
      /^e\.hcl:1:11: Unsupported attribute: a tuple has no attribute "name"; .*\[\*\]\.name/,
    );
    assert.equal(fails('s.length'), 'e.hcl:1:7: Unsupported attribute: a string has no attribute "length"');
    assert.equal(fails('int.x'), 'e.hcl:1:9: Unsupported attribute: type int has no attribute "x"');
  });

  test('indexes of tuples and objects', () => {
    assert.equal(run('list[0]'), 1);
    assert.equal(run('list["2"]'), 3, 'numeric strings convert');
    assert.equal(run('list.1'), 2, 'legacy index');
    assert.equal(run('obj["size"]'), 10);
    assert.equal(run('m[s == "str" ? "a" : "b"]'), 1);
    assert.equal(
      fails('[1, 2][5]'),
      'e.hcl:1:12: Invalid index: tuple has 2 elements, index 5 is out of range',
    );
    assert.equal(
      fails('list[-1]'),
      'e.hcl:1:10: Invalid index: tuple has 3 elements, index -1 is out of range',
    );
    assert.equal(
      fails('list[1.5]'),
      'e.hcl:1:10: Invalid index: a tuple index must be a whole number, got 1.5',
    );
    assert.equal(
      fails('list["a"]'),
      'e.hcl:1:10: Invalid index: a tuple is indexed by a number, got the string "a"',
    );
    assert.equal(
      fails('obj["nam"]'),
      'e.hcl:1:9: Invalid index: object has no element "nam"; did you mean "name"?',
    );
    assert.equal(
      fails('s[0]'),
      'e.hcl:1:5: Invalid index: a string cannot be indexed; use substr() to take part of it',
    );
    assert.equal(fails('nothing[0]'), 'e.hcl:1:5: Invalid index: cannot index a null value');
    assert.equal(fails('int[0]'), 'e.hcl:1:5: Invalid index: type int cannot be indexed');
  });
});

describe('splats', () => {
  test('over tuples', () => {
    same(run('users[*].name'), ['ann', 'bob']);
    same(run('users.*.name'), ['ann', 'bob']);
    same(run('nested[*].tags[0]'), ['x', 'z'], 'a full splat applies the index to each element');
    same(run('nested.*.tags[0]'), ['x', 'y'], 'an attribute splat indexes the result');
    same(run('nested[*].tags[*]'), [['x', 'y'], ['z']]);
  });

  test('a single value splats as one element, null as none', () => {
    same(run('obj[*].name'), ['users']);
    same(run('n[*]'), [2]);
    same(run('nothing[*].name'), []);
    assert.equal((run('column[*].id') as Value[]).length, 1);
  });
});

describe('collections and for expressions', () => {
  test('tuples and objects', () => {
    same(run('[n, "a", [t], null]'), [2, 'a', [true], null]);
    same(run('{ a = 1, "b c" = 2, (s) = 3, n: 4 }'), { a: 1, 'b c': 2, str: 3, n: 4 });
    same(run('{ (n) = "two", true = 1 }'), { 2: 'two', true: 1 });
    assert.match(
      fails('{ (list) = 1 }'),
      /^e\.hcl:1:7: Invalid object key: a key must be a string, got a tuple/,
    );
  });

  test('objects keep __proto__ and constructor as plain keys', () => {
    const v = run('{ __proto__ = 1, constructor = 2, toString = 3 }');
    assert.ok(isObject(v));
    assert.deepEqual(Object.keys(v), ['__proto__', 'constructor', 'toString']);
    assert.equal(Object.getOwnPropertyDescriptor(v, '__proto__')?.value, 1);
    assert.equal(Object.getPrototypeOf(v), null);
    assert.equal(run('{ constructor = 2 }.constructor'), 2);
    assert.match(fails('{}.constructor'), /object has no attribute "constructor"/);
    assert.match(fails('{}["__proto__"]'), /object has no element "__proto__"/);
  });

  test('for over tuples and objects', () => {
    same(run('[for v in list : v * 2]'), [2, 4, 6]);
    same(run('[for i, v in names : "${i}${v}"]'), ['0b', '1a']);
    same(run('[for k, v in m : k]'), ['a', 'b', 'c'], 'keys in lexical order');
    same(run('{for k, v in m : upper(k) => v + 1}'), { A: 2, B: 3, C: 4 });
    same(run('[for v in list : v if v != 2]'), [1, 3]);
    same(run('{for i, v in ["a", "a", "b"] : v => i...}'), { a: [0, 1], b: [2] });
    same(run('{for v in list : v => v}'), { 1: 1, 2: 2, 3: 3 }, 'number keys become strings');
    same(run('[for v in [] : v]'), []);
  });

  test('for expression errors', () => {
    assert.equal(
      fails('{for i, v in ["a", "a"] : v => i}'),
      'e.hcl:1:31: Duplicate object key "a": two elements produce it; add "..." after the value expression to group the values by key',
    );
    assert.equal(
      fails('[for v in s : v]'),
      'e.hcl:1:15: Invalid for expression: cannot iterate over the string "str"; a tuple or an object is required',
    );
    assert.equal(
      fails('[for v in nothing : v]'),
      'e.hcl:1:15: Invalid for expression: cannot iterate over null; a tuple or an object is required',
    );
    assert.match(
      fails('[for v in list : v if v]'),
      /^e\.hcl:1:27: Invalid condition: the "if" of a for expression must be a bool/,
    );
    assert.equal(fails('{for v in list : v => vv}'), 'e.hcl:1:27: Unknown variable "vv"; did you mean "v"?');
  });
});

describe('function calls', () => {
  test('calls, expansion and unknown functions', () => {
    assert.equal(run('upper(s)'), 'STR');
    assert.equal(run('max(list...)'), 3);
    assert.equal(run('max(0, list...)'), 3);
    assert.equal(fails('uper(s)'), 'e.hcl:1:5: Call to unknown function "uper"; did you mean "upper"?');
    assert.match(
      fails('max(n...)'),
      /^e\.hcl:1:9: Invalid expanding argument: the argument before "\.\.\." must be a tuple, got the number 2/,
    );
    assert.match(
      fails('constructor(1)'),
      /Call to unknown function "constructor"/,
      'only own properties are functions',
    );
  });

  test('unknownFunction handles calls the table does not know', () => {
    const seen: Value[][] = [];
    const ctx: EvalContext = {
      ...context(),
      unknownFunction(name, args) {
        if (name !== 'varchar') return undefined;
        seen.push(args);
        return `varchar(${args[0]})`;
      },
    };
    assert.equal(run('varchar(n * 100)', ctx), 'varchar(200)');
    same(seen, [[200]]);
    assert.equal(fails('decimal(1)', ctx), 'e.hcl:1:5: Call to unknown function "decimal"');
  });

  test('functions get the call, argument ranges and the context', () => {
    let ranges: Range[] = [];
    const ctx: EvalContext = {
      ...context(),
      functions: {
        ...stdlib,
        probe: (args, call) => {
          ranges = call.argRanges;
          return [args.length, call.range.start.col, call.ctx.variable('n', call.range) ?? null];
        },
        boom: () => {
          throw new Error('kaput');
        },
      },
    };
    same(run('probe(1, "two")', ctx), [2, 5, 2]);
    assert.deepEqual(
      ranges.map((r) => r.start.col),
      [11, 14],
    );
    assert.equal(fails('boom()', ctx), 'e.hcl:1:5: Call to function "boom" failed: kaput');
  });

  test('try and can are lazy', () => {
    assert.equal(run('try(obj.missing, list[9], "fallback")'), 'fallback');
    assert.equal(run('try(obj.name, "fallback")'), 'users');
    assert.equal(run('can(obj.missing)'), false);
    assert.equal(run('can(list[0])'), true);
    assert.match(
      fails('try(obj.missing, list[9])'),
      /^e\.hcl:1:5: No argument of try succeeded: Unsupported attribute: object has no attribute "missing" \(at e\.hcl:1:13\); Invalid index: tuple has 3 elements, index 9 is out of range \(at e\.hcl:1:27\)$/,
    );
    assert.equal(fails('can()'), 'e.hcl:1:5: Not enough function arguments: can expects 1 argument, got 0');
    assert.equal(
      fails('try()'),
      'e.hcl:1:5: Not enough function arguments: try expects at least 1 argument, got 0',
    );
  });
});

describe('helpers', () => {
  test('withVariables layers variables, for names and suggestions too', () => {
    const ctx = withVariables(context({ a: 1 }), { each: makeObject([['key', 'k']]) });
    assert.equal(run('each.key', ctx), 'k');
    assert.equal(run('a', ctx), 1);
    assert.equal(fails('eac', ctx), 'e.hcl:1:5: Unknown variable "eac"; did you mean "each"?');
    const inner = withVariables(ctx, { a: 2 });
    assert.equal(run('a + each.key', withVariables(inner, { each: makeObject([['key', 3]]) })), 5);
  });

  test('typeName, isObject and valueEquals', () => {
    assert.deepEqual([null, true, 1, 's', [], makeObject(), new TypeCtor()].map(typeName), [
      'null',
      'bool',
      'number',
      'string',
      'tuple',
      'object',
      'type int',
    ]);
    assert.equal(isObject(makeObject()), true);
    assert.equal(isObject([]), false);
    assert.equal(isObject(new Ref('x')), false);
    assert.equal(valueEquals({ a: [1, null] }, makeObject([['a', [1, null]]])), true);
    assert.equal(valueEquals([1], { 0: 1 }), false);
    assert.equal(valueEquals(new Ref('a'), new Ref('a')), true);
    assert.equal(valueEquals(new TypeCtor(), new TypeCtor()), false, 'identity by default');
  });

  test('closest', () => {
    assert.equal(closest('nmae', ['name', 'type']), 'name');
    assert.equal(closest('Name', ['name']), 'name');
    assert.equal(closest('x', ['y', 'z']), undefined);
    assert.equal(closest('colour', ['column', 'color']), 'color');
    assert.equal(closest('completely', ['different']), undefined);
  });

  test('numbers print like HCL', () => {
    assert.deepEqual([1, -0, 1.5, 1e21, 1.5e-7, -2.5e-8, 123456789012].map(formatNumber), [
      '1',
      '0',
      '1.5',
      '1000000000000000000000',
      '0.00000015',
      '-0.000000025',
      '123456789012',
    ]);
    assert.equal(convertToNumber('1e3'), 1000);
    assert.equal(convertToNumber(' 1'), undefined);
  });
});
