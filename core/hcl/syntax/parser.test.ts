// Unit tests of the HCL parser: structure, every expression kind, templates and heredocs, and
// the position and wording of syntax errors.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL sources, full of ${...}
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Body,
  type Expr,
  exprSource,
  staticString,
  staticTraversal,
  type TemplatePart,
  walkExpr,
} from './ast.ts';
import { evaluate } from './eval.ts';
import { stdlib } from './functions.ts';
import { parseHcl, parseHclExpression } from './parser.ts';
import { HclError } from './position.ts';

/** The expression of the attribute `x` in `x = <src>`. */
function expr(src: string): Expr {
  const f = parseHcl(`x = ${src}\n`, 'e.hcl');
  return f.body.attributes[0]!.expr;
}

/** An expression as a compact S-expression-ish string, to compare shapes without ranges. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'template':
      return `${e.heredoc ? 'heredoc' : 'tmpl'}(${e.parts.map(showPart).join(' ')})`;
    case 'variable':
      return e.name;
    case 'getattr':
      return `${show(e.target)}.${e.name}`;
    case 'index':
      return `${show(e.target)}[${show(e.key)}]`;
    case 'splat':
      return `splat${e.full ? '[*]' : '.*'}(${show(e.target)}, ${show(e.each)})`;
    case 'splatItem':
      return '@';
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${i.bareKey ? '' : '~'}${show(i.key)}=${show(i.value)}`).join(', ')}}`;
    case 'conditional':
      return `(${show(e.cond)} ? ${show(e.then)} : ${show(e.else)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'for': {
      const vars = e.keyVar ? `${e.keyVar},${e.valueVar}` : e.valueVar;
      const body = e.keyExpr ? `${show(e.keyExpr)} => ${show(e.valueExpr)}` : show(e.valueExpr);
      return `for(${vars} in ${show(e.collection)}: ${body}${e.group ? '...' : ''}${e.cond ? ` if ${show(e.cond)}` : ''})${e.object ? '{}' : '[]'}`;
    }
    case 'paren':
      return `(${show(e.inner)})`;
  }
}

function showPart(p: TemplatePart): string {
  switch (p.kind) {
    case 'text':
      return JSON.stringify(p.value);
    case 'interp':
      return `\${${show(p.expr)}}`;
    case 'if':
      return `%if(${show(p.cond)}; ${p.then.map(showPart).join(' ')}${p.else ? `; else ${p.else.map(showPart).join(' ')}` : ''})`;
    case 'for':
      return `%for(${p.keyVar ? `${p.keyVar},` : ''}${p.valueVar} in ${show(p.collection)}; ${p.body.map(showPart).join(' ')})`;
  }
}

/** The text of a template that has only literal text. */
function text(src: string): string {
  const s = staticString(expr(src));
  assert.notEqual(s, undefined, `not a plain string: ${src}`);
  return s!;
}

/** Parses and returns `file:line:col: message` of the error. */
function syntaxError(src: string): string {
  try {
    parseHcl(src, 'f.hcl');
  } catch (e) {
    if (e instanceof HclError) return e.describe();
    throw e;
  }
  assert.fail(`expected a syntax error in ${JSON.stringify(src)}`);
}

describe('structure', () => {
  test('attributes and blocks in source order, with labels and ranges', () => {
    const f = parseHcl('a = 1\nb "l1" l2 {\n  c = 2\n  d {}\n}\ne = 3\n', 'm.hcl');
    assert.deepEqual(
      f.body.attributes.map((a) => a.name),
      ['a', 'e'],
    );
    const b = f.body.blocks[0]!;
    assert.equal(b.type, 'b');
    assert.deepEqual(b.labels, ['l1', 'l2']);
    assert.deepEqual(
      b.labelRanges.map((r) => [r.start.line, r.start.col, r.end.col]),
      [
        [2, 3, 7],
        [2, 8, 10],
      ],
    );
    assert.deepEqual([b.typeRange.start.line, b.typeRange.start.col], [2, 1]);
    assert.deepEqual([b.openBraceRange.start.line, b.openBraceRange.start.col], [2, 11]);
    assert.deepEqual([b.range.end.line, b.range.end.col], [5, 2]);
    assert.equal(b.body.attributes[0]!.name, 'c');
    assert.deepEqual([b.body.range.start.col, b.body.range.end.line], [11, 5]);
    assert.equal(b.body.blocks[0]!.type, 'd');
    const a = f.body.attributes[0]!;
    assert.deepEqual([a.nameRange.start.offset, a.nameRange.end.offset, a.range.end.offset], [0, 1, 5]);
    assert.equal(a.range.file, 'm.hcl');
  });

  test('one-line blocks, empty blocks and an empty file', () => {
    const f = parseHcl('a { x = 1 }\nb {}\nc "l" {\n}\n', 'f');
    assert.equal(f.body.blocks.length, 3);
    assert.equal(show(f.body.blocks[0]!.body.attributes[0]!.expr), '1');
    assert.equal(f.body.blocks[1]!.body.attributes.length, 0);
    assert.equal(parseHcl('', 'f').body.attributes.length, 0);
    assert.equal(parseHcl('# only a comment', 'f').body.blocks.length, 0);
    assert.equal(parseHcl('a = 1', 'f').body.attributes.length, 1, 'no newline at the end');
  });

  test('comments of all three kinds', () => {
    const f = parseHcl(
      '# one\na = 1 # two\n// three\nb = /* four */ 2 // five\n/* six\nseven */\nc = 3\n',
      'f',
    );
    assert.deepEqual(
      f.body.attributes.map((a) => show(a.expr)),
      ['1', '2', '3'],
    );
  });

  test('CRLF line ends and a byte order mark', () => {
    const f = parseHcl('\uFEFFa = 1\r\nb {\r\n  c = "x"\r\n}\r\nd = <<EOT\r\nline\r\nEOT\r\n', 'f');
    assert.deepEqual(
      f.body.attributes.map((a) => a.name),
      ['a', 'd'],
    );
    assert.deepEqual(
      [f.body.attributes[0]!.nameRange.start.line, f.body.attributes[0]!.nameRange.start.col],
      [1, 1],
    );
    assert.equal(staticString(f.body.attributes[1]!.expr), 'line\n');
    assert.equal(f.body.blocks[0]!.body.attributes[0]!.nameRange.start.line, 3);
  });

  test('identifiers with dashes and Unicode letters', () => {
    const f = parseHcl('foo-bar = 1\nnaïve_名前 = 2\nx = a-b\n', 'f');
    assert.deepEqual(
      f.body.attributes.map((a) => a.name),
      ['foo-bar', 'naïve_名前', 'x'],
    );
    assert.equal(show(f.body.attributes[2]!.expr), 'a-b', 'a dash continues an identifier');
    assert.equal(show(expr('a - b')), '(a - b)');
  });

  test('columns count code points; offsets count UTF-16 units', () => {
    const f = parseHcl('x = "😀😀" + y\n', 'f');
    const e = f.body.attributes[0]!.expr;
    assert.equal(e.kind, 'binary');
    if (e.kind !== 'binary') return;
    assert.equal(e.right.range.start.col, 12);
    assert.equal(e.right.range.start.offset, 13);
    assert.equal(exprSource(f, e.right), 'y');
  });

  test('keywords are plain names as attribute names and block types', () => {
    const f = parseHcl('null = true\nfor = 1\nif "x" {}\n', 'f');
    assert.deepEqual(
      f.body.attributes.map((a) => a.name),
      ['null', 'for'],
    );
    assert.equal(f.body.blocks[0]!.type, 'if');
  });
});

describe('expressions', () => {
  test('literals', () => {
    assert.equal(show(expr('42')), '42');
    assert.equal(show(expr('1.5')), '1.5');
    assert.equal(show(expr('1e3')), '1000');
    assert.equal(show(expr('2.5E-2')), '0.025');
    assert.equal(show(expr('-7')), '-7', 'a negative number is one literal');
    assert.equal(show(expr('true')), 'true');
    assert.equal(show(expr('false')), 'false');
    assert.equal(show(expr('null')), 'null');
    assert.equal(show(expr('-x')), '(-x)');
    assert.equal(show(expr('!x')), '(!x)');
    assert.equal(show(expr('!!x')), '(!(!x))');
  });

  test('variables, attribute access, indexes and legacy indexes', () => {
    assert.equal(show(expr('int')), 'int');
    assert.equal(show(expr('schema.public')), 'schema.public');
    assert.equal(show(expr('a.b["c"][0]')), 'a.b[tmpl("c")][0]');
    assert.equal(show(expr('a.0.b')), 'a[0].b');
    assert.equal(show(expr('a[b + 1]')), 'a[(b + 1)]');
    assert.equal(show(expr('a[\n  1\n]')), 'a[1]', 'newlines inside brackets');
    assert.equal(show(expr('a.null')), 'a.null');
  });

  test('splats', () => {
    assert.equal(show(expr('a[*].b.c[0]')), 'splat[*](a, @.b.c[0])');
    assert.equal(show(expr('a.*.b[0]')), 'splat.*(a, @.b)[0]', 'an index ends an attribute-only splat');
    assert.equal(show(expr('a[*]')), 'splat[*](a, @)');
    assert.equal(show(expr('a.*')), 'splat.*(a, @)');
    assert.equal(show(expr('a[*].b[*].c')), 'splat[*](a, splat[*](@.b, @.c))');
  });

  test('function calls, provider functions and expansion', () => {
    assert.equal(show(expr('f()')), 'f()');
    assert.equal(show(expr('varchar(255)')), 'varchar(255)');
    assert.equal(show(expr('f(a, b,)')), 'f(a, b)');
    assert.equal(show(expr('f(a, b...)')), 'f(a, b...)');
    assert.equal(show(expr('f(\n  a,\n  b\n)')), 'f(a, b)');
    assert.equal(show(expr('provider::aws::arn(x)')), 'provider::aws::arn(x)');
    const e = expr('provider::aws::arn(x)');
    assert.equal(
      e.kind === 'call' && e.nameRange.end.col - e.nameRange.start.col,
      'provider::aws::arn'.length,
    );
  });

  test('tuples and objects', () => {
    assert.equal(show(expr('[]')), '[]');
    assert.equal(show(expr('[1, "a", [true],]')), '[1, tmpl("a"), [true]]');
    assert.equal(show(expr('[\n  1,\n  2,\n]')), '[1, 2]');
    assert.equal(show(expr('{}')), '{}');
    assert.equal(show(expr('{ a = 1, "b" = 2, (k) = 3, d: 4 }')), '{a=1, ~tmpl("b")=2, ~(k)=3, d=4}');
    assert.equal(show(expr('{\n  a = 1\n  b = [\n    2,\n  ]\n\n  c = 3,\n}')), '{a=1, b=[2], c=3}');
    assert.equal(show(expr('{ null = 1, true = 2 }')), '{null=1, true=2}', 'keyword keys are names');
    assert.equal(show(expr('{ a.b = 1 }')), '{~a.b=1}');
  });

  test('conditionals and operator precedence', () => {
    assert.equal(show(expr('a || b && c')), '(a || (b && c))');
    assert.equal(show(expr('a == b != c')), '((a == b) != c)');
    assert.equal(show(expr('a < b == c >= d')), '((a < b) == (c >= d))');
    assert.equal(show(expr('a + b * c - d / e % f')), '((a + (b * c)) - ((d / e) % f))');
    assert.equal(show(expr('-a.b + !c[0]')), '((-a.b) + (!c[0]))');
    assert.equal(show(expr('a ? b : c ? d : e')), '(a ? b : (c ? d : e))');
    assert.equal(show(expr('a || b ? c + 1 : d')), '((a || b) ? (c + 1) : d)');
    assert.equal(show(expr('(a + b) * c')), '(((a + b)) * c)');
    assert.equal(show(expr('x - 1')), '(x - 1)');
    assert.equal(show(expr('1 - -1')), '(1 - -1)');
  });

  test('for expressions', () => {
    assert.equal(show(expr('[for v in xs : v]')), 'for(v in xs: v)[]');
    assert.equal(show(expr('[for k, v in xs : v if k != 0]')), 'for(k,v in xs: v if (k != 0))[]');
    assert.equal(show(expr('{for k, v in m : k => v}')), 'for(k,v in m: k => v){}');
    assert.equal(
      show(expr('{for k, v in m : v => k... if v != null}')),
      'for(k,v in m: v => k... if (v != null)){}',
    );
    assert.equal(show(expr('[\n  for v in xs :\n  upper(v)\n]')), 'for(v in xs: upper(v))[]');
    assert.equal(show(expr('[(for), x]')), '[(for), x]');
  });

  test('staticTraversal, staticString, exprSource and walkExpr', () => {
    assert.deepEqual(staticTraversal(expr('a.b["c"][0]')), { root: 'a', steps: ['b', 'c', 0] });
    assert.deepEqual(staticTraversal(expr('column.id')), { root: 'column', steps: ['id'] });
    assert.deepEqual(staticTraversal(expr('int')), { root: 'int', steps: [] });
    assert.deepEqual(staticTraversal(expr('"${column.id}"')), { root: 'column', steps: ['id'] });
    assert.equal(staticTraversal(expr('"${column.id}"[0]')), undefined);
    assert.equal(staticTraversal(expr('"x${column.id}"')), undefined);
    assert.equal(staticTraversal(expr('a[b]')), undefined);
    assert.equal(staticTraversal(expr('a[*].b')), undefined);
    assert.equal(staticTraversal(expr('f(x)')), undefined);
    assert.equal(staticString(expr('"a${b}"')), undefined);
    const f = parseHcl('x = f(a,   b + 1)\n', 'f');
    assert.equal(exprSource(f, f.body.attributes[0]!.expr), 'f(a,   b + 1)');
    const names: string[] = [];
    walkExpr(expr('f(a.b, [c, "${d}"], {e = g ? h : i})'), (e) => {
      if (e.kind === 'variable') names.push(e.name);
    });
    assert.deepEqual(names, ['a', 'c', 'd', 'e', 'g', 'h', 'i']);
  });

  test('parseHclExpression', () => {
    assert.equal(show(parseHclExpression('a +\n b', 'cli')), '(a + b)');
    assert.throws(() => parseHclExpression('a b', 'cli'), /Unexpected "b" after the expression/);
  });
});

describe('templates', () => {
  test('escapes', () => {
    assert.equal(text('"a\\nb\\tc\\r\\"q\\" \\\\ \\u00e9 \\U0001F600"'), 'a\nb\tc\r"q" \\ é 😀');
    assert.equal(text('"$${x} %%{y} $ % $$ %%"'), '${x} %{y} $ % $$ %%');
    assert.equal(text('""'), '');
    const e = expr('""');
    assert.equal(e.kind === 'template' && e.parts.length, 1, 'an empty string has one empty text part');
  });

  test('interpolations', () => {
    assert.equal(show(expr('"a${b}c"')), 'tmpl("a" ${b} "c")');
    assert.equal(show(expr('"${b}"')), 'tmpl(${b})');
    assert.equal(show(expr('"${ {a = "}"}.a }"')), 'tmpl(${{a=tmpl("}")}.a})', 'braces and strings nest');
    assert.equal(show(expr('"${f(\n1)}"')), 'tmpl(${f(1)})', 'newlines inside an interpolation');
    assert.equal(show(expr('"${"${x}"}"')), 'tmpl(${tmpl(${x})})');
  });

  test('strip markers', () => {
    assert.equal(show(expr('"a  ${~ b ~}  c"')), 'tmpl("a" ${b} "c")');
    assert.equal(show(expr('"a  ${ b ~}  c"')), 'tmpl("a  " ${b} "c")');
    assert.equal(show(expr('"${b ~} "')), 'tmpl(${b} "")', 'stripped text still counts against unwrapping');
    assert.equal(
      show(expr('"%{ if c ~}  yes  %{~ else ~}  no  %{~ endif }"')),
      'tmpl(%if(c; "yes"; else "no"))',
    );
  });

  test('directives', () => {
    assert.equal(show(expr('"%{ if a }x%{ endif }"')), 'tmpl(%if(a; "x"))');
    assert.equal(show(expr('"%{if a}x%{else}y%{endif}"')), 'tmpl(%if(a; "x"; else "y"))');
    assert.equal(show(expr('"%{ for v in xs }${v},%{ endfor }"')), 'tmpl(%for(v in xs; ${v} ","))');
    assert.equal(show(expr('"%{ for k, v in m }${k}%{ endfor }"')), 'tmpl(%for(k,v in m; ${k}))');
    assert.equal(
      show(expr('"%{ for v in xs }%{ if v }a%{ else }b%{ endif }%{ endfor }"')),
      'tmpl(%for(v in xs; %if(v; "a"; else "b")))',
    );
  });

  test('heredocs', () => {
    assert.equal(text('<<EOT\nhello\n  world\nEOT'), 'hello\n  world\n');
    assert.equal(text('<<EOT\nEOT'), '');
    assert.equal(text('<<EOT\n\\n is not an escape, $${x} is\n  EOT'), '\\n is not an escape, ${x} is\n');
    assert.equal(show(expr('<<EOT\na ${b}\nEOT')), 'heredoc("a " ${b} "\\n")');
    const f = parseHcl('a = <<EOT\nx\nEOT\nb = 2\n', 'f');
    assert.deepEqual(
      f.body.attributes.map((a) => a.name),
      ['a', 'b'],
    );
    const h = f.body.attributes[0]!.expr;
    assert.deepEqual([h.range.start.col, h.range.end.line, h.range.end.col], [5, 3, 4]);
  });

  test('indented heredocs remove the common indentation', () => {
    assert.equal(text('<<-EOT\n    a\n      b\n    c\n    EOT'), 'a\n  b\nc\n');
    assert.equal(text('<<-EOT\n    a\n\n      b\n  EOT'), 'a\n\n  b\n', 'blank lines do not count');
    assert.equal(
      text('<<-EOT\n    a\n  \n    b\nEOT'),
      'a\n  \nb\n',
      'whitespace-only lines stay as they are',
    );
    assert.equal(text('<<-EOT\n\ta\n\t\tb\n\tEOT'), 'a\n\tb\n', 'tabs count like spaces');
    assert.equal(
      show(expr('<<-EOT\n    a ${b}\n      c\n    EOT')),
      'heredoc("a " ${b} "\\n  c\\n")',
      'interpolations in the middle of lines',
    );
    assert.equal(
      show(expr('<<-EOT\n${a}\n    b\n  EOT')),
      'heredoc(${a} "\\n    b\\n")',
      'a line starting with an interpolation has no indentation to remove',
    );
    assert.equal(show(expr('<<-EOT\n  ${a}\n    b\n  EOT')), 'heredoc("" ${a} "\\n  b\\n")');
  });

  test('heredocs in calls, tuples and objects, with directives', () => {
    const call = expr('sql(<<-SQL\n    SELECT 1\n  SQL\n)');
    assert.equal(show(call), 'sql(heredoc("SELECT 1\\n"))');
    assert.equal(show(expr('[<<A\na\nA\n, <<B\nb\nB\n]')), '[heredoc("a\\n"), heredoc("b\\n")]');
    assert.equal(show(expr('{\n  a = <<EOT\n  x\n  EOT\n  b = 1\n}')), '{a=heredoc("  x\\n"), b=1}');
    assert.equal(
      show(expr('<<EOT\n%{ for v in xs ~}\n  ${v}\n%{ endfor ~}\nEOT')),
      'heredoc(%for(v in xs; "  " ${v} "\\n") "")',
      '~} strips the rest of its own line only',
    );
  });

  test('the realistic Atlas schema', () => {
    const src = `table "users" {
  schema = schema.public
  column "id" { type = int }
  column "name" {
    type = varchar(255)
    null = true
    default = sql("now()")
  }
  index "idx" {
    on {
      column = column.name
      desc = true
    }
  }
  view_sql = <<-SQL
    SELECT \${table.users.name}
      FROM x
  SQL
}
`;
    const f = parseHcl(src, 'schema.hcl');
    const t = f.body.blocks[0]!;
    assert.deepEqual([t.type, t.labels], ['table', ['users']]);
    const attr = (b: typeof t, name: string): Expr => b.body.attributes.find((a) => a.name === name)!.expr;
    const schema = attr(t, 'schema');
    assert.equal(schema.kind, 'getattr');
    if (schema.kind === 'getattr') {
      assert.equal(schema.name, 'public');
      assert.deepEqual(schema.target.kind === 'variable' && schema.target.name, 'schema');
    }
    const [id, name] = t.body.blocks;
    assert.deepEqual(attr(id!, 'type').kind === 'variable' && attr(id!, 'type'), {
      kind: 'variable',
      name: 'int',
      range: attr(id!, 'type').range,
    });
    const type = attr(name!, 'type');
    assert.equal(type.kind === 'call' && type.name, 'varchar');
    assert.equal(show(type), 'varchar(255)');
    assert.equal(show(attr(name!, 'null')), 'true');
    assert.equal(show(attr(name!, 'default')), 'sql(tmpl("now()"))');
    const on = t.body.blocks[2]!.body.blocks[0]!;
    assert.equal(show(attr(on, 'column')), 'column.name');
    assert.equal(show(attr(t, 'view_sql')), 'heredoc("SELECT " ${table.users.name} "\\n  FROM x\\n")');
    assert.equal(exprSource(f, attr(t, 'view_sql')).split('\n')[0], '<<-SQL');

    // HCL allows one attribute per line: two on one line is an error at the second.
    const oneLine = src.replace(
      'on {\n      column = column.name\n      desc = true\n    }',
      'on { column = column.name  desc = true }',
    );
    assert.match(
      syntaxError(oneLine),
      /^f\.hcl:10:32: Only one attribute fits in a block written on one line/,
    );
  });
});

describe('syntax errors', () => {
  const cases: [string, string, RegExp][] = [
    [
      'unclosed string',
      'a = 1\nb = "abc\nc = 2\n',
      /^f\.hcl:2:5: Unclosed string: this string has no closing quote/,
    ],
    ['unclosed string at the end', 'b = "abc', /^f\.hcl:1:5: Unclosed string/],
    [
      'unclosed block',
      'table "t" {\n  a = 1\n  c {\n  }\n',
      /^f\.hcl:1:11: Unclosed block: the "\{" of the block table "t" is never closed/,
    ],
    [
      'missing =',
      'a = 1\nname "x"\n',
      /^f\.hcl:2:6: Missing "=" after "name": write name = "x" for an attribute, or name "x" \{ \.\.\. \} for a block/,
    ],
    [
      'missing {',
      'a "x" "y"\n',
      /^f\.hcl:1:10: Expected "\{" to open the body of the block a "x" "y", found the end of the line/,
    ],
    ['missing = before a value', 'a 1\n', /^f\.hcl:1:3: Missing "=" after "a"/],
    ['missing = at the end of the line', 'block {\n  a\n}\n', /^f\.hcl:2:4: Missing "=" after "a"/],
    ['unexpected token', 'a = 1 +* 2\n', /^f\.hcl:1:8: Expected an expression, found "\*"/],
    [
      'unexpected token in a body',
      'a = 1\n[x]\n',
      /^f\.hcl:2:1: Expected an attribute or a block, found "\["/,
    ],
    ['invalid escape', 'a = "x\\q"\n', /^f\.hcl:1:7: Invalid escape sequence "\\q"/],
    [
      'short unicode escape',
      'a = "\\u12"\n',
      /^f\.hcl:1:6: Invalid escape sequence: "\\u" must be followed by 4 hexadecimal digits/,
    ],
    [
      'unterminated heredoc',
      'a = 1\nb = <<-SQL\n  x\n',
      /^f\.hcl:2:5: Unclosed heredoc: no line with just "SQL" ends the text/,
    ],
    [
      'heredoc marker not alone',
      'b = f(<<-SQL\n  x\n  SQL)\n',
      /^f\.hcl:1:7: Unclosed heredoc.*line 3 starts with "SQL", but the closing marker must be alone/,
    ],
    [
      'duplicate attribute',
      'x = 1\nb {\n  x = 1\n}\nx = 2\n',
      /^f\.hcl:5:1: Attribute "x" was already defined at f\.hcl:1:1$/,
    ],
    [
      'single-quoted string',
      "a = 'x'\n",
      /^f\.hcl:1:5: Invalid character "'": strings are written in double quotes/,
    ],
    ['unclosed ( at the end', 'a = (1 + 2', /^f\.hcl:1:5: Unclosed "\(": this parenthesis is never closed/],
    [
      'unclosed ( before the next line',
      'a = (1 + 2\nb = 3\n',
      /^f\.hcl:1:5: Unclosed "\(": this parenthesis is not closed before "b" on line 2/,
    ],
    ['unclosed [', 'a = [1, 2\n', /^f\.hcl:1:5: Unclosed "\[": this tuple is never closed/],
    [
      'unclosed call',
      'a = 1\nb = f(1,\n  2\nc = 3\n',
      /^f\.hcl:2:6: Unclosed "\(": the call to f is not closed before "c" on line 4/,
    ],
    [
      'missing comma',
      'a = [1 2]\n',
      /^f\.hcl:1:8: Expected "," or "\]" after a tuple item, found the number 2/,
    ],
    [
      'value on the next line',
      'a =\n  1\n',
      /^f\.hcl:1:4: Missing value for the attribute "a": the value must start on the same line as "="/,
    ],
    ['two attributes on a line', 'a = 1 b = 2\n', /^f\.hcl:1:7: Missing newline after the attribute "a"/],
    ['operator at the end of a line', 'a = 1 +\n  2\n', /^f\.hcl:1:8: Missing operand after "\+"/],
    [
      '} on the line of an attribute',
      'b {\n  x = 1 }\n',
      /^f\.hcl:2:9: Missing newline after the attribute "x"/,
    ],
    ['one-line block continued', 'b { x = 1\n}\n', /^f\.hcl:1:10: Missing "\}" after the attribute "x"/],
    ['stray }', 'a = 1\n}\n', /^f\.hcl:2:1: Unexpected "\}": there is no open block/],
    [
      'unclosed interpolation',
      'a = "x${y"\n',
      /^f\.hcl:1:7: Unclosed "\$\{": this interpolation has no closing "\}"/,
    ],
    [
      'extra tokens in an interpolation',
      'a = "${y z}"\n',
      /^f\.hcl:1:10: Expected "\}" to close the interpolation opened at f\.hcl:1:6, found "z"/,
    ],
    ['unclosed if', 'a = "%{ if x }y"\n', /^f\.hcl:1:6: Unclosed %\{ if \}: it has no matching %\{ endif \}/],
    ['stray endfor', 'a = "x%{ endfor }"\n', /^f\.hcl:1:7: %\{ endfor \} has no matching %\{ for \}/],
    [
      'mismatched directive',
      'a = "%{ for x in y }%{ endif }"\n',
      /^f\.hcl:1:21: Expected %\{ endfor \} to close the %\{ for \} at f\.hcl:1:6, found %\{ endif \}/,
    ],
    ['unknown directive', 'a = "%{ when x }"\n', /^f\.hcl:1:9: Expected a template directive/],
    ['interpolation in a label', 'b "x${y}" {}\n', /^f\.hcl:1:5: Invalid block label/],
    ['unclosed comment', 'a = 1 /* x\n', /^f\.hcl:1:7: Unclosed comment/],
    ['semicolon', 'a = 1;\n', /^f\.hcl:1:6: Invalid character ";"/],
    [
      'legacy index chain',
      'a = x.0.1\n',
      /^f\.hcl:1:7: Invalid index "\.0\.1": write indexes in brackets, like \[0\]\[1\]/,
    ],
    ['nested attribute splat', 'a = x.*.y.*\n', /^f\.hcl:1:11: A splat/],
    [
      '=> in a tuple for',
      'a = [for x in y : x => x]\n',
      /^f\.hcl:1:21: "=>" is for a for expression in braces/,
    ],
    ['missing => in an object for', 'a = {for x in y : x}\n', /^f\.hcl:1:20: Expected "=>"/],
    ['missing in', 'a = [for x y : x]\n', /^f\.hcl:1:12: Expected "in" after the variables/],
    ['missing :', 'a = x ? 1\n', /^f\.hcl:1:10: Expected ":" after the "then" value/],
    ['object without =', 'a = { b }\n', /^f\.hcl:1:9: Missing value for the object key/],
    ['heredoc text on the intro line', 'a = <<EOT x\nEOT\n', /^f\.hcl:1:11: Invalid heredoc/],
    ['& alone', 'a = x & y\n', /^f\.hcl:1:7: Invalid character "&": the logical AND operator is "&&"/],
    ['quoted name', '"a" = 1\n', /^f\.hcl:1:1: Expected an attribute or block name, found a string/],
    ['typographic quote', 'a = “x”\n', /^f\.hcl:1:5: Invalid character "“"/],
    ['column after astral characters', 'a = "😀" @\n', /^f\.hcl:1:9: Invalid character "@"/],
  ];
  for (const [name, src, want] of cases) {
    test(name, () => assert.match(syntaxError(src), want));
  }

  test('an unclosed interpolation spans its opener', () => {
    try {
      parseHcl('a = "x${~ y"', 'f.hcl');
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof HclError);
      assert.deepEqual([e.range.start.col, e.range.end.col], [7, 10]);
    }
  });

  test('message without position; describe() and toString() with it', () => {
    try {
      parseHcl('a = (', 'dir/f.hcl');
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof HclError);
      assert.doesNotMatch(e.message, /f\.hcl/);
      assert.equal(e.describe(), `dir/f.hcl:1:5: ${e.message}`);
      assert.equal(String(e), e.describe());
      assert.deepEqual(
        [e.range.start.line, e.range.start.col, e.range.start.offset, e.range.end.offset],
        [1, 5, 4, 5],
      );
    }
  });
});

describe('robustness', () => {
  const SAMPLE = `# sample
schema "public" {}
table "users" {
  schema = schema.public
  column "id" { type = int }
  column "name" {
    type    = varchar(255)
    default = sql("now()")
    tags    = { a = 1, "b" = [1, 2.5e3, -3], (k) = x ? y : z }
  }
  index "idx" {
    on {
      column = column.name
      desc   = !false && 1 + 2 * 3 >= 4 || null == x.y[0].*.z
    }
  }
  check = [for i, v in xs : "\${i}:%{ if v ~} yes %{~ else }no%{ endif }" if v != null]
  m = {for k, v in m : k => v... }
  s = a[*].b[0]
  view_sql = <<-SQL
    SELECT \${table.users.name}, $\${not} -- \\n
      FROM x
  SQL
}
`;

  test('mutated inputs fail with HclError or parse, and evaluate with HclError or a value', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const CHARS = '{}[]()"$%~<-\n=:,.*#/\\\'? \t!&|';
    const ctx = { variable: () => null, functions: stdlib };
    for (let i = 0; i < 2000; i++) {
      let src = SAMPLE;
      for (let m = 1 + random(3); m > 0; m--) {
        const at = random(src.length + 1);
        const op = random(3);
        if (op === 0) src = src.slice(0, at);
        else if (op === 1) src = src.slice(0, at) + src.slice(at + 1 + random(4));
        else src = src.slice(0, at) + CHARS[random(CHARS.length)] + src.slice(at);
      }
      try {
        const f = parseHcl(src, 'fuzz.hcl');
        const visit = (b: Body): void => {
          for (const a of b.attributes) {
            try {
              evaluate(a.expr, ctx);
            } catch (e) {
              if (!(e instanceof HclError)) throw new Error(`evaluating ${JSON.stringify(src)}: ${e}`);
            }
          }
          for (const c of b.blocks) visit(c.body);
        };
        visit(f.body);
      } catch (e) {
        if (!(e instanceof HclError)) throw new Error(`parsing ${JSON.stringify(src)}: ${e}`);
        const { start, end } = e.range;
        assert.ok(
          start.line >= 1 && start.col >= 1 && start.offset >= 0 && end.offset >= start.offset,
          e.describe(),
        );
        assert.ok(end.offset <= src.length, e.describe());
      }
    }
  });
});
