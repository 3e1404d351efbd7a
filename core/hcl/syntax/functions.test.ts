// Unit tests of the standard functions: results as Terraform/Atlas users expect them, and the
// wording of arity and type errors.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL sources, full of ${...}
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EvalContext, evaluate, makeObject, Opaque, type Value } from './eval.ts';
import { stdlib } from './functions.ts';
import { parseHcl } from './parser.ts';
import { HclError } from './position.ts';

class Ref extends Opaque {
  describe(): string {
    return 'reference table.users';
  }
}

const ctx: EvalContext = {
  variable: (name) =>
    ({
      ref: new Ref(),
      obj: makeObject([
        ['b', 2],
        ['a', 1],
      ]),
    })[name],
  functions: stdlib,
};

function run(src: string): Value {
  return evaluate(parseHcl(`x = ${src}\n`, 'f.hcl').body.attributes[0]!.expr, ctx);
}

/** Plain JSON of a value, so null-prototype objects compare with literals. */
function json(src: string): unknown {
  return JSON.parse(JSON.stringify(run(src)));
}

function fails(src: string): string {
  try {
    run(src);
  } catch (e) {
    if (e instanceof HclError) return e.describe();
    throw e;
  }
  assert.fail(`expected an error from ${src}`);
}

describe('arity and types', () => {
  test('errors at the call, naming the function', () => {
    assert.equal(
      fails('upper()'),
      'f.hcl:1:5: Not enough function arguments: upper expects 1 argument, got 0',
    );
    assert.equal(
      fails('upper("a", "b")'),
      'f.hcl:1:5: Too many function arguments: upper expects 1 argument, got 2',
    );
    assert.equal(
      fails('lookup({})'),
      'f.hcl:1:5: Not enough function arguments: lookup expects 2 or 3 arguments, got 1',
    );
    assert.equal(
      fails('range()'),
      'f.hcl:1:5: Not enough function arguments: range expects 1 to 3 arguments, got 0',
    );
    assert.equal(
      fails('join()'),
      'f.hcl:1:5: Not enough function arguments: join expects at least 2 arguments, got 0',
    );
    assert.equal(
      fails('join(",", 1)'),
      'f.hcl:1:5: Invalid function argument: join expects a tuple of strings as its 2nd argument, got number',
    );
    assert.equal(
      fails('join(",", ["a", null])'),
      'f.hcl:1:5: Invalid function argument: join expects a tuple of strings as its 2nd argument, got null at index 1',
    );
    assert.equal(
      fails('upper([])'),
      'f.hcl:1:5: Invalid function argument: upper expects a string as its 1st argument, got tuple',
    );
    assert.equal(
      fails('upper(ref)'),
      'f.hcl:1:5: Invalid function argument: upper expects a string as its 1st argument, got reference table.users',
    );
    assert.equal(
      fails('abs("x")'),
      'f.hcl:1:5: Invalid function argument: abs expects a number as its 1st argument, got string',
    );
    assert.equal(
      fails('substr("abc", 1.5, 1)'),
      'f.hcl:1:5: Invalid function argument: substr expects a whole number as its 2nd argument, got 1.5',
    );
    assert.equal(
      fails('keys([])'),
      'f.hcl:1:5: Invalid function argument: keys expects an object as its 1st argument, got tuple',
    );
  });

  test('primitive arguments convert like HCL', () => {
    assert.equal(run('upper(1)'), '1');
    assert.equal(run('abs("-3")'), 3);
    assert.equal(run('join("-", [1, true, "x"])'), '1-true-x');
  });
});

describe('strings', () => {
  test('format', () => {
    assert.equal(run('format("%s-%d", "a", 42)'), 'a-42');
    assert.equal(run('format("%.2f|%f|%5.1f", 3.14159, 2, 1.25)'), '3.14|2.000000|  1.2');
    assert.equal(run('format("%q %v %t %%", "a\\"b", 1.5, true)'), '"a\\"b" 1.5 true %');
    assert.equal(run('format("%v %v", [1, "a"], {b = null})'), '[1,"a"] {"b":null}');
    assert.equal(
      run('format("%05d|%-4s|%4s|%+d|%x|%X|%o|%b", 42, "ab", "ab", 3, 255, 255, 8, 5)'),
      '00042|ab  |  ab|+3|ff|FF|10|101',
    );
    assert.equal(run('format("%e", 1234.5)'), '1.234500e+03');
    assert.equal(
      run('format("%.1f %.1f %.0f %.0f %.2f", 0.25, 0.35, 2.5, -3.5, 1.005)'),
      '0.2 0.3 2 -4 1.00',
    );
    assert.equal(run('format("%[2]s %[1]s", "a", "b")'), 'b a');
    assert.equal(run('format("%d", "12")'), '12');
    assert.match(
      fails('format("%s %s", "a")'),
      /^f\.hcl:1:5: Invalid function argument: format: not enough arguments for the "%s" at offset 3/,
    );
    assert.match(
      fails('format("%s", "a", "b")'),
      /^f\.hcl:1:5: Too many function arguments: format: the format string uses 1 argument, but 2 were given/,
    );
    assert.match(fails('format("%d", 1.5)'), /format expects a whole number as its 2nd argument, got number/);
    assert.match(fails('format("%y", 1)'), /format does not support the verb "%y"/);
    assert.match(fails('format("%s", [1])'), /format expects a string as its 2nd argument, got tuple/);
  });

  test('formatlist', () => {
    assert.deepEqual(json('formatlist("%s=%s", ["a", "b"], ["1", "2"])'), ['a=1', 'b=2']);
    assert.deepEqual(json('formatlist("%s-%s", "x", ["1", "2"])'), ['x-1', 'x-2']);
    assert.deepEqual(json('formatlist("%s", "x")'), ['x']);
    assert.match(fails('formatlist("%s%s", ["a"], ["b", "c"])'), /different lengths/);
  });

  test('join and split', () => {
    assert.equal(run('join(", ", ["a", "b"], ["c"])'), 'a, b, c');
    assert.equal(run('join(",", [])'), '');
    assert.deepEqual(json('split(",", "a,b,,c")'), ['a', 'b', '', 'c']);
    assert.deepEqual(json('split("", "héllo")'), ['h', 'é', 'l', 'l', 'o']);
    assert.deepEqual(json('split(",", "")'), ['']);
  });

  test('case and whitespace', () => {
    assert.equal(run('upper("abc é")'), 'ABC É');
    assert.equal(run('lower("ABC")'), 'abc');
    assert.equal(run('title("hello world-wide web_site")'), 'Hello World-Wide Web_site');
    assert.equal(run('trimspace("  \\t a b \\n")'), 'a b');
    assert.equal(run('trim("?!hello?!", "!?")'), 'hello');
    assert.equal(run('trimprefix("helloworld", "hello")'), 'world');
    assert.equal(run('trimprefix("helloworld", "x")'), 'helloworld');
    assert.equal(run('trimsuffix("helloworld", "world")'), 'hello');
  });

  test('replace, with plain text and with a /regex/', () => {
    assert.equal(run('replace("1 + 2 + 3", "+", "-")'), '1 - 2 - 3');
    assert.equal(run('replace("hello world", "/w.*d/", "there")'), 'hello there');
    assert.equal(run('replace("a1b22", "/([a-z])(\\\\d+)/", "$2$1")'), '1a22b');
    assert.equal(run('replace("ab", "/(?P<x>a)/", "$${x}$${x}")'), 'aab');
    assert.equal(run('replace("ab", "/a/", "$$")'), '$b');
  });

  test('regex, regexall and regexreplace', () => {
    assert.equal(run('regex("[a-z]+", "53453453.345345aaabbbccc23454")'), 'aaabbbccc');
    assert.deepEqual(json('regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")'), ['2019', '02']);
    assert.deepEqual(json('regex("^(?P<user>[^@]+)@(?P<domain>.+)$", "me@example.com")'), {
      user: 'me',
      domain: 'example.com',
    });
    assert.equal(run('regex("(?i)HELLO", "say hello")'), 'hello');
    assert.match(
      fails('regex("x", "abc")'),
      /^f\.hcl:1:5: Invalid function argument: regex: the pattern did not match/,
    );
    assert.match(fails('regex("(", "abc")'), /regex expects a valid regular expression as its 1st argument/);
    assert.deepEqual(json('regexall("[a-z]+", "1234abcd5678efgh9")'), ['abcd', 'efgh']);
    assert.equal(run('length(regexall("z", "abc"))'), 0);
    assert.equal(run('regexreplace("users_2024", "_(\\\\d+)$", "[$1]")'), 'users[2024]');
  });

  test('substr, strrev and predicates', () => {
    assert.equal(run('substr("hello world", 1, 4)'), 'ello');
    assert.equal(run('substr("hello", -3, -1)'), 'llo');
    assert.equal(run('substr("hello", 10, 2)'), '');
    assert.equal(run('substr("🤔🤷", 0, 1)'), '🤔');
    assert.equal(run('strrev("abc😀")'), '😀cba');
    assert.equal(run('startswith("hello", "he")'), true);
    assert.equal(run('endswith("hello", "lo")'), true);
    assert.equal(run('strcontains("hello", "ell")'), true);
    assert.equal(run('strcontains("hello", "x")'), false);
  });
});

describe('collections', () => {
  test('length', () => {
    assert.equal(run('length("héllo")'), 5);
    assert.equal(run('length("👩‍👩‍👧")'), 1, 'grapheme clusters');
    assert.equal(run('length([1, 2])'), 2);
    assert.equal(run('length({a = 1})'), 1);
    assert.match(
      fails('length(1)'),
      /length expects a string, a tuple or an object as its 1st argument, got number/,
    );
  });

  test('concat, contains, distinct, element, flatten, index', () => {
    assert.deepEqual(json('concat([1], [], [2, 3])'), [1, 2, 3]);
    assert.equal(run('contains(["a", "b"], "b")'), true);
    assert.equal(run('contains([{a = 1}], {a = 1})'), true);
    assert.equal(run('contains([1], "1")'), false);
    assert.deepEqual(json('distinct(["a", "b", "a", 1, "1", 1])'), ['a', 'b', 1, '1']);
    assert.equal(run('element(["a", "b"], 3)'), 'b');
    assert.match(fails('element([], 0)'), /empty tuple/);
    assert.deepEqual(json('flatten([[1, [2]], [], 3])'), [1, 2, 3]);
    assert.equal(run('index(["a", "b"], "b")'), 1);
    assert.match(fails('index(["a"], "z")'), /the string "z" is not in the tuple/);
  });

  test('keys, values, lookup, merge, zipmap', () => {
    assert.deepEqual(json('keys({b = 1, a = 2, "10" = 3})'), ['10', 'a', 'b']);
    assert.deepEqual(json('values(obj)'), [1, 2]);
    assert.equal(run('lookup(obj, "a")'), 1);
    assert.equal(run('lookup(obj, "z", "dflt")'), 'dflt');
    assert.match(fails('lookup(obj, "z")'), /lookup: the object has no key "z"/);
    assert.deepEqual(json('merge({a = 1, b = 1}, null, {b = 2})'), { a: 1, b: 2 });
    assert.deepEqual(json('merge()'), {});
    assert.deepEqual(json('zipmap(["a", "b"], [1, 2])'), { a: 1, b: 2 });
    assert.match(fails('zipmap(["a"], [])'), /1 key but 0 values/);
    const merged = run('merge({"__proto__" = 1})');
    assert.equal(Object.getPrototypeOf(merged), null);
  });

  test('range, reverse, slice, sort', () => {
    assert.deepEqual(json('range(3)'), [0, 1, 2]);
    assert.deepEqual(json('range(1, 4)'), [1, 2, 3]);
    assert.deepEqual(json('range(4, 1)'), [4, 3, 2]);
    assert.deepEqual(json('range(0, 1, 0.25)'), [0, 0.25, 0.5, 0.75]);
    assert.match(fails('range(0, 3, -1)'), /never gets from 0 to 3/);
    assert.match(fails('range(0, 3, 0)'), /a step other than zero/);
    assert.match(fails('range(5000)'), /more than 1024 numbers/);
    assert.deepEqual(json('reverse([1, 2, 3])'), [3, 2, 1]);
    assert.deepEqual(json('slice(["a", "b", "c", "d"], 1, 3)'), ['b', 'c']);
    assert.match(
      fails('slice([1], 0, 2)'),
      /slice expects an end index of at most 1 as its 3rd argument, got 2/,
    );
    assert.deepEqual(json('sort(["b", "a", "C", 10, 9])'), ['10', '9', 'C', 'a', 'b']);
  });

  test('toset, tolist, tomap', () => {
    assert.deepEqual(json('toset(["b", "a", "b"])'), ['a', 'b']);
    assert.deepEqual(json('toset([3, 1, 2, 1])'), [1, 2, 3]);
    assert.deepEqual(json('toset(["a", 1])'), ['1', 'a'], 'mixed primitives become strings');
    assert.deepEqual(json('toset([{a = 1}, {a = 1}])'), [{ a: 1 }]);
    assert.deepEqual(json('tolist(["a", 1])'), ['a', '1']);
    assert.equal(run('tolist(null)'), null);
    assert.deepEqual(json('tomap({a = 1, b = "x"})'), { a: '1', b: 'x' });
    assert.match(fails('tomap([])'), /tomap expects an object/);
  });

  test('coalesce, coalescelist, compact', () => {
    assert.equal(run('coalesce(null, "", "b")'), 'b');
    assert.equal(run('coalesce(1, 2)'), 1);
    assert.match(fails('coalesce(null, "")'), /every argument is null or an empty string/);
    assert.deepEqual(json('coalescelist([], ["a"])'), ['a']);
    assert.deepEqual(json('compact(["a", "", null, "b"])'), ['a', 'b']);
  });
});

describe('conversions and numbers', () => {
  test('tostring, tonumber, tobool', () => {
    assert.equal(run('tostring(1.5)'), '1.5');
    assert.equal(run('tostring(true)'), 'true');
    assert.equal(run('tostring(null)'), null);
    assert.match(fails('tostring([])'), /tostring expects a string as its 1st argument, got tuple/);
    assert.equal(run('tonumber("12.5")'), 12.5);
    assert.match(fails('tonumber("12x")'), /tonumber expects a number as its 1st argument, got string/);
    assert.equal(run('tobool("false")'), false);
    assert.match(fails('tobool("yes")'), /tobool expects a bool/);
  });

  test('math', () => {
    assert.equal(run('abs(-1.5)'), 1.5);
    assert.equal(run('ceil(1.2)'), 2);
    assert.equal(run('floor(-1.2)'), -2);
    assert.equal(run('signum(-3)'), -1);
    assert.equal(run('signum(0)'), 0);
    assert.equal(run('pow(2, 10)'), 1024);
    assert.equal(run('max(1, 5, 3)'), 5);
    assert.equal(run('min(1, -5)'), -5);
    assert.equal(run('sum([1, 2, 3.5])'), 6.5);
    assert.match(fails('sum([])'), /empty tuple/);
    assert.match(fails('max()'), /max expects at least 1 argument, got 0/);
  });
});

describe('encodings and hashes', () => {
  test('jsonencode and jsondecode', () => {
    assert.equal(run('jsonencode({b = [1, true, null], a = "x<y"})'), '{"a":"x\\u003cy","b":[1,true,null]}');
    assert.equal(run('jsonencode(1e21)'), '1000000000000000000000');
    assert.match(fails('jsonencode(ref)'), /jsonencode cannot encode reference table\.users/);
    assert.deepEqual(json('jsondecode("{\\"a\\": [1, \\"b\\", null]}")'), { a: [1, 'b', null] });
    assert.equal(Object.getPrototypeOf(run('jsondecode("{\\"__proto__\\": 1}")')), null);
    assert.match(fails('jsondecode("{")'), /jsondecode: the string is not valid JSON/);
  });

  test('base64 and URL escaping', () => {
    assert.equal(run('base64encode("héllo")'), 'aMOpbGxv');
    assert.equal(run('base64decode("aMOpbGxv")'), 'héllo');
    assert.match(fails('base64decode("%%")'), /base64decode expects a base64 string/);
    assert.match(fails('base64decode("/w==")'), /not valid UTF-8/);
    assert.equal(run('urlescape("a b&c=d/é*")'), 'a+b%26c%3Dd%2F%C3%A9%2A');
  });

  test('hashes', () => {
    assert.equal(run('md5("hello world")'), '5eb63bbbe01eeed093cb22bb8f5acdc3');
    assert.equal(run('sha1("hello world")'), '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed');
    assert.equal(
      run('sha256("hello world")'),
      'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
    );
  });

  test('the functions the callers provide are absent', () => {
    for (const name of ['file', 'getenv', 'sql', 'try', 'can'])
      assert.equal(Object.hasOwn(stdlib, name), false, name);
  });
});
