import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { indexOfChar, LineMap, SplitError, splitStatements, tokenize } from './split.ts';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

function splitError(sql: string): SplitError {
  try {
    splitStatements(sql);
  } catch (e) {
    assert.ok(e instanceof SplitError, `expected a SplitError, got ${e}`);
    return e;
  }
  assert.fail('expected the script to be refused');
}

describe('splitStatements: terminators', () => {
  test('splits on semicolons and drops the terminator and surrounding whitespace', () => {
    assert.deepStrictEqual(texts('CREATE TABLE a (x int);\n  CREATE TABLE b (y int) ;\n'), [
      'CREATE TABLE a (x int)',
      'CREATE TABLE b (y int)',
    ]);
  });

  test('a last statement without a semicolon is kept', () => {
    assert.deepStrictEqual(texts('SELECT 1;\nSELECT 2'), ['SELECT 1', 'SELECT 2']);
  });

  test('empty and comment-only statements are dropped', () => {
    assert.deepStrictEqual(texts(';;  ;\n-- nothing\n;/* still nothing */;\nSELECT 1;\n-- trailing\n'), [
      'SELECT 1',
    ]);
    assert.deepStrictEqual(splitStatements(''), []);
    assert.deepStrictEqual(splitStatements('  \n\t\n'), []);
    assert.deepStrictEqual(splitStatements('-- only a comment'), []);
  });

  test('semicolons inside parentheses do not split (multi-action rules), as in psql', () => {
    const sql =
      'CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\nSELECT 1;';
    assert.deepStrictEqual(texts(sql), [
      'CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))',
      'SELECT 1',
    ]);
  });

  test('an unbalanced closing parenthesis does not swallow later statements', () => {
    assert.deepStrictEqual(texts('SELECT 1);\nSELECT 2;'), ['SELECT 1)', 'SELECT 2']);
  });
});

describe('splitStatements: comments', () => {
  test('semicolons in line comments and nested block comments do not split', () => {
    const sql = 'SELECT 1 -- a; b\n, 2 /* c; /* nested; */ still; */ , 3;\nSELECT 4;';
    assert.deepStrictEqual(texts(sql), [
      'SELECT 1 -- a; b\n, 2 /* c; /* nested; */ still; */ , 3',
      'SELECT 4',
    ]);
  });

  test('leading comments stay in the text; line/col point at the first token', () => {
    const sql = 'SELECT 1;\n\n-- atlas:renamed_from old\n/* more */ CREATE TABLE t (a int);';
    const [, s] = splitStatements(sql);
    assert.deepStrictEqual(s, {
      text: '-- atlas:renamed_from old\n/* more */ CREATE TABLE t (a int)',
      line: 4,
      col: 12,
      offset: sql.indexOf('-- atlas'),
    });
    assert.equal(sql.slice(s!.offset, s!.offset + s!.text.length), s!.text);
  });

  test('a comment after a semicolon on the same line belongs to the statement before', () => {
    const sql = 'SELECT 1; -- about one\n-- about two\nSELECT 2; /* x */ SELECT 3;';
    assert.deepStrictEqual(texts(sql), ['SELECT 1', '-- about two\nSELECT 2', 'SELECT 3']);
  });

  test('operators next to comment starters', () => {
    assert.deepStrictEqual(texts('SELECT 2 --1;\n- 1;SELECT 3/*;*/;'), [
      'SELECT 2 --1;\n- 1',
      'SELECT 3/*;*/',
    ]);
  });

  test('an unterminated block comment is refused with its position', () => {
    const e = splitError('SELECT 1;\n  /* open /* nested */ still open;\n');
    assert.equal(e.line, 2);
    assert.equal(e.col, 3);
    assert.match(e.reason, /unterminated \/\* comment/);
    assert.equal(e.code, 'SQL');
  });
});

describe('splitStatements: strings and identifiers', () => {
  test('standard strings: doubled quotes; a backslash is an ordinary character', () => {
    const sql = "SELECT 'it''s; fine', 'back\\'; SELECT 2;";
    assert.deepStrictEqual(texts(sql), ["SELECT 'it''s; fine', 'back\\'", 'SELECT 2']);
  });

  test("E'' strings: backslash escapes, doubled quotes too", () => {
    const sql = "SELECT E'a\\';b', e'c''d;', E'\\\\'; SELECT 2;";
    assert.deepStrictEqual(texts(sql), ["SELECT E'a\\';b', e'c''d;', E'\\\\'", 'SELECT 2']);
  });

  test('an identifier ending in e is not an E-string prefix', () => {
    // `type'x'` is a typed literal, not an E-string: the backslash does not escape.
    assert.deepStrictEqual(texts("SELECT date'2020-01-01', name'a\\'; SELECT 2"), [
      "SELECT date'2020-01-01', name'a\\'",
      'SELECT 2',
    ]);
  });

  test('quoted identifiers with doubled quotes, semicolons and comment starters', () => {
    const sql = 'CREATE TABLE "a;b" ("x""--y" int, "/*" int); SELECT 2;';
    assert.deepStrictEqual(texts(sql), ['CREATE TABLE "a;b" ("x""--y" int, "/*" int)', 'SELECT 2']);
  });

  test('unicode strings and identifiers, bit and hex strings', () => {
    const sql = `SELECT U&'d\\0061t;a', U&"d;" , B'10;', X'1F;'; SELECT 2`;
    assert.equal(texts(sql).length, 2);
  });

  test('unterminated strings and identifiers are refused where they open', () => {
    assert.deepStrictEqual(
      [splitError("SELECT 1;\nSELECT 'abc;\n").line, splitError("SELECT 1;\nSELECT 'abc;\n").col],
      [2, 8],
    );
    assert.match(splitError('SELECT "abc').reason, /unterminated quoted identifier/);
    assert.match(splitError("SELECT E'abc\\'").reason, /unterminated quoted string/);
  });
});

describe('splitStatements: dollar quoting', () => {
  test('$$ and $tag$ bodies keep their semicolons; other tags and quotes inside are text', () => {
    const sql = [
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$',
      "BEGIN RAISE NOTICE 'x;'; RETURN 1; END",
      '$$;',
      'CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT $$;$$ || $x$ $body $x$; $body$;',
      'SELECT 3;',
    ].join('\n');
    assert.deepStrictEqual(texts(sql), [
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN RAISE NOTICE 'x;'; RETURN 1; END\n$$",
      'CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT $$;$$ || $x$ $body $x$; $body$',
      'SELECT 3',
    ]);
  });

  test('tags may contain digits and non-ASCII letters but not start with a digit', () => {
    assert.deepStrictEqual(texts('SELECT $a1$;$a1$, $é$;$é$; SELECT 2'), [
      'SELECT $a1$;$a1$, $é$;$é$',
      'SELECT 2',
    ]);
  });

  test('$1 is a parameter, not a tag', () => {
    assert.deepStrictEqual(texts('PREPARE p AS SELECT $1; EXECUTE p(1); SELECT $1$; $1'), [
      'PREPARE p AS SELECT $1',
      'EXECUTE p(1)',
      'SELECT $1$',
      '$1',
    ]);
  });

  test('a $ inside an identifier does not open a dollar quote', () => {
    assert.deepStrictEqual(texts('SELECT a$b$c, x$ FROM t$; SELECT 2'), [
      'SELECT a$b$c, x$ FROM t$',
      'SELECT 2',
    ]);
  });

  test('tags are case-sensitive', () => {
    assert.deepStrictEqual(texts('SELECT $A$ ; $a$ ; $A$; SELECT 2'), ['SELECT $A$ ; $a$ ; $A$', 'SELECT 2']);
  });

  test('an unterminated dollar quote is refused with its tag', () => {
    const e = splitError('SELECT 1;\nCREATE FUNCTION f() AS $fn$ SELECT 1;');
    assert.deepStrictEqual([e.line, e.col], [2, 24]);
    assert.match(e.reason, /unterminated dollar-quoted string \(\$fn\$\)/);
  });
});

describe('splitStatements: BEGIN ATOMIC bodies', () => {
  test('semicolons inside BEGIN ATOMIC ... END do not split', () => {
    const sql = [
      'CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql',
      'BEGIN ATOMIC',
      '  INSERT INTO t VALUES (a);',
      '  SELECT a + 1;',
      'END;',
      'SELECT 2;',
    ].join('\n');
    assert.deepStrictEqual(texts(sql), [sql.split('\nSELECT 2;')[0]!.replace(/;$/, ''), 'SELECT 2']);
  });

  test('CASE ... END inside the body does not end it; keywords are case-insensitive', () => {
    const sql = [
      'create procedure p(a int) language sql begin atomic',
      '  select case when a > 0 then 1 else case when a < 0 then -1 end end;',
      '  SELECT CASE a WHEN 1 THEN 2 END;',
      'end;',
      'select 3;',
    ].join('\n');
    const out = texts(sql);
    assert.equal(out.length, 2);
    assert.match(out[0]!, /^create procedure[\s\S]*\nend$/);
    assert.equal(out[1], 'select 3');
  });

  test('comments between BEGIN and ATOMIC', () => {
    assert.equal(
      texts('CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN /* x */ ATOMIC SELECT 1; END; SELECT 2')
        .length,
      2,
    );
  });

  test('a transaction BEGIN and CASE outside bodies do not open blocks', () => {
    assert.deepStrictEqual(texts('BEGIN; SELECT CASE WHEN true THEN 1 END; END; COMMIT;'), [
      'BEGIN',
      'SELECT CASE WHEN true THEN 1 END',
      'END',
      'COMMIT',
    ]);
  });

  test('"end" quoted or as part of a longer word does not close a body', () => {
    const sql =
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT "end" FROM ending; SELECT 1; END; SELECT 2';
    assert.equal(texts(sql).length, 2);
  });
});

describe('splitStatements: positions', () => {
  test('line and col of each statement, with CRLF line ends and tabs', () => {
    const sql = 'SELECT 1;\r\n\r\n\tSELECT 2;  SELECT 3;\r\n';
    assert.deepStrictEqual(
      splitStatements(sql).map(({ line, col }) => [line, col]),
      [
        [1, 1],
        [3, 2],
        [3, 13],
      ],
    );
  });

  test('columns count characters, offsets count UTF-16 units', () => {
    const sql = "SELECT '😀é'; SELECT 2;";
    const [, s] = splitStatements(sql);
    assert.equal(s!.col, 14);
    assert.equal(s!.offset, 14);
    assert.equal(sql.slice(s!.offset), 'SELECT 2;');
  });

  test('LineMap and indexOfChar map PostgreSQL character positions', () => {
    const text = 'a😀\nbcé\nd';
    const map = new LineMap(text);
    assert.deepStrictEqual(map.at(0), { line: 1, col: 1 });
    assert.deepStrictEqual(map.at(3), { line: 1, col: 3 });
    assert.deepStrictEqual(map.at(4), { line: 2, col: 1 });
    assert.deepStrictEqual(map.at(text.length - 1), { line: 3, col: 1 });
    assert.equal(indexOfChar(text, 2), 3); // past the surrogate pair
    assert.equal(indexOfChar(text, 100), text.length);
  });
});

describe('splitStatements: psql meta-commands', () => {
  test('a line starting with a backslash is refused, naming the line and the command', () => {
    const e = splitError('CREATE TABLE a (x int);\n\\connect other\nCREATE TABLE b (y int);');
    assert.deepStrictEqual([e.line, e.col], [2, 1]);
    assert.match(e.reason, /psql meta-command \\connect is not supported/);
    assert.match(e.message, /^line 2, column 1: /);
  });

  test('meta-commands after a statement on the same line are refused too', () => {
    assert.match(splitError('SELECT 1 \\gset\n').reason, /\\gset/);
  });

  test('backslashes inside strings, comments and bodies are not meta-commands', () => {
    assert.equal(texts("SELECT '\\x'; -- \\i x\n/* \\c */ SELECT $$\\q$$;").length, 2);
  });
});

test('tokenize covers the input exactly and marks comments', () => {
  const sql = '-- c\nSELECT \'a\' /* b */, "q", $$d$$;';
  const toks = tokenize(sql);
  assert.equal(toks.map((t) => sql.slice(t.start, t.end)).join(''), sql);
  assert.deepStrictEqual(
    toks.filter((t) => t.kind !== 'space').map((t) => [t.kind, sql.slice(t.start, t.end)]),
    [
      ['comment', '-- c'],
      ['word', 'SELECT'],
      ['string', "'a'"],
      ['comment', '/* b */'],
      ['other', ','],
      ['quoted', '"q"'],
      ['other', ','],
      ['string', '$$d$$'],
      ['terminator', ';'],
    ],
  );
});
