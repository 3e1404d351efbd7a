import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { indexOfChar, LineMap, SplitError, type SplitOptions, splitStatements, tokenize } from './split.ts';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

function splitError(sql: string, opts?: SplitOptions): SplitError {
  try {
    splitStatements(sql, opts);
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

describe('mysql dialect', () => {
  const MYSQL = { dialect: 'mysql' } as const;
  const stmts = (sql: string) =>
    splitStatements(sql, MYSQL).map(({ text, line, col }) => ({ text, line, col }));
  const mytexts = (sql: string) => splitStatements(sql, MYSQL).map((s) => s.text);

  test('DELIMITER $$: semicolons in the body are text; the statement ends at $$, without it', () => {
    const sql = [
      'DROP PROCEDURE IF EXISTS p;',
      'DELIMITER $$',
      'CREATE PROCEDURE p(IN n INT)',
      'BEGIN',
      '  DECLARE i INT DEFAULT 0;',
      '  SET i = n;',
      'END$$',
      'DELIMITER ;',
      'CALL p(1);',
    ].join('\n');
    assert.deepStrictEqual(stmts(sql), [
      { text: 'DROP PROCEDURE IF EXISTS p', line: 1, col: 1 },
      {
        text: 'CREATE PROCEDURE p(IN n INT)\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  SET i = n;\nEND',
        line: 3,
        col: 1,
      },
      { text: 'CALL p(1)', line: 9, col: 1 },
    ]);
  });

  test('DELIMITER // then back to ;, case-insensitive and indented; `;` alone does not split meanwhile', () => {
    const sql = 'delimiter //\nSELECT 1; SELECT 2 //  SELECT 3//\n  Delimiter ;\nSELECT 4; SELECT 5';
    assert.deepStrictEqual(stmts(sql), [
      { text: 'SELECT 1; SELECT 2', line: 2, col: 1 },
      { text: 'SELECT 3', line: 2, col: 24 },
      { text: 'SELECT 4', line: 4, col: 1 },
      { text: 'SELECT 5', line: 4, col: 11 },
    ]);
  });

  test('a custom delimiter is found inside words, as the client does, but not in strings or comments', () => {
    const sql = "DELIMITER ;;\nSELECT ';;' /* ;; */ -- ;;\nFROM t;;SELECT 2;;\nDELIMITER ;";
    assert.deepStrictEqual(stmts(sql), [
      { text: "SELECT ';;' /* ;; */ -- ;;\nFROM t", line: 2, col: 1 },
      { text: 'SELECT 2', line: 3, col: 9 },
    ]);
    assert.deepStrictEqual(mytexts('DELIMITER $$\nCREATE PROCEDURE p() SELECT 1 FROM t$$SELECT a$$b$$'), [
      'CREATE PROCEDURE p() SELECT 1 FROM t',
      'SELECT a',
      'b',
    ]);
  });

  test('the DELIMITER line is in no statement: comments before it are dropped, a trailing one is allowed', () => {
    const sql = "-- routines\nDELIMITER ';;' # as in mysqldump\n-- p\nCREATE PROCEDURE p() SELECT 1;;";
    assert.deepStrictEqual(splitStatements(sql, MYSQL), [
      { text: '-- p\nCREATE PROCEDURE p() SELECT 1', line: 4, col: 1, offset: sql.indexOf('-- p') },
    ]);
    // Between statements on one line too (the client takes the rest of the line as its argument).
    assert.deepStrictEqual(mytexts('SELECT 1; DELIMITER $$\nSELECT 2$$'), ['SELECT 1', 'SELECT 2']);
  });

  test('within a statement, a line starting with delimiter is text (a column), as in the client', () => {
    assert.deepStrictEqual(mytexts('CREATE TABLE t (\n  delimiter CHAR(1)\n);\nSELECT 2;'), [
      'CREATE TABLE t (\n  delimiter CHAR(1)\n)',
      'SELECT 2',
    ]);
  });

  test('bad DELIMITER lines are refused at the command', () => {
    const cases: [string, RegExp][] = [
      ['SELECT 1;\nDELIMITER\nSELECT 2;', /DELIMITER must be followed by a 'delimiter' character or string/],
      ['SELECT 1;\nDELIMITER//\nSELECT 2;', /DELIMITER must be followed by/],
      ['SELECT 1;\nDELIMITER \\\\\nSELECT 2;', /DELIMITER cannot contain a backslash character/],
      ['SELECT 1;\nDELIMITER $$ SELECT 2$$', /text after DELIMITER \$\$ is ignored by the mysql client/],
    ];
    for (const [sql, reason] of cases) {
      const e = splitError(sql, MYSQL);
      assert.deepStrictEqual([e.line, e.col], [2, 1], sql);
      assert.match(e.reason, reason);
    }
  });

  test('trigger without DELIMITER: BEGIN ... END with IF ... END IF and CASE inside is one statement', () => {
    const sql = [
      'CREATE DEFINER=`root`@`%` TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW',
      'BEGIN',
      '  IF NEW.qty < 0 THEN',
      '    SET NEW.qty = 0;',
      '  ELSEIF NEW.qty > 100 THEN',
      '    SET NEW.qty = 100;',
      '  END IF;',
      '  CASE NEW.kind',
      "    WHEN 'a' THEN SET NEW.rank = 1;",
      '    ELSE SET NEW.rank = CASE WHEN NEW.qty > 10 THEN 2 ELSE 3 END;',
      '  END CASE;',
      'END;',
      'INSERT INTO t (qty) VALUES (1);',
    ].join('\n');
    assert.deepStrictEqual(stmts(sql), [
      { text: sql.slice(0, sql.indexOf('\nEND;') + 4), line: 1, col: 1 },
      { text: 'INSERT INTO t (qty) VALUES (1)', line: 13, col: 1 },
    ]);
  });

  test('a trigger body of one statement ends at its semicolon', () => {
    const sql = 'CREATE TRIGGER t_bi BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1;\nSELECT 2;';
    assert.deepStrictEqual(stmts(sql), [
      { text: 'CREATE TRIGGER t_bi BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1', line: 1, col: 1 },
      { text: 'SELECT 2', line: 2, col: 1 },
    ]);
    // ... unless that statement is itself a block.
    assert.deepStrictEqual(
      mytexts(
        'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\nSELECT 2',
      ),
      [
        'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a < 0 THEN SET NEW.a = 0; END IF',
        'SELECT 2',
      ],
    );
  });

  test('IF(), REPEAT(), IF [NOT] EXISTS, CASE expressions and qualified END do not open blocks', () => {
    const body = [
      'CREATE PROCEDURE IF NOT EXISTS p(a INT)',
      'proc: BEGIN',
      '  DROP TEMPORARY TABLE IF EXISTS tmp;',
      '  CREATE TEMPORARY TABLE IF NOT EXISTS tmp (x INT);',
      "  SELECT IF(a > 0, 'y', 'n'), REPEAT('x', a), t.end FROM tmp t;",
      '  IF NOT EXISTS (SELECT 1 FROM tmp) THEN LEAVE proc; END IF;',
      '  l: LOOP LEAVE l; END LOOP l;',
      '  WHILE a > 0 DO SET a = a - 1; END WHILE;',
      '  REPEAT SET a = a + 1; UNTIL a > 3 END REPEAT;',
      "  DECLARE CONTINUE HANDLER FOR SQLSTATE '23000' BEGIN SET @dup = 1; END;",
      '  SET @x = CASE WHEN a THEN IF(a, 1, 2) ELSE 0 END;',
      'END',
    ].join('\n');
    assert.deepStrictEqual(mytexts(`${body};\nSELECT 2;`), [body, 'SELECT 2']);
    const fn = 'CREATE FUNCTION f(a INT) RETURNS DECIMAL(5,2) DETERMINISTIC RETURN IF(a > 0, 1, 0)';
    assert.deepStrictEqual(mytexts(`${fn}; SELECT 2`), [fn, 'SELECT 2']);
  });

  test('events (CREATE and ALTER) and other statements', () => {
    const sql =
      'CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM log; END;\n' +
      'ALTER EVENT e DO BEGIN DELETE FROM log; END;\n' +
      'SELECT CASE WHEN 1 THEN 2 END; BEGIN; END;';
    assert.deepStrictEqual(mytexts(sql), [
      'CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM log; END',
      'ALTER EVENT e DO BEGIN DELETE FROM log; END',
      'SELECT CASE WHEN 1 THEN 2 END',
      'BEGIN',
      'END',
    ]);
  });

  test('an unterminated block is refused where it opens', () => {
    const e = splitError(
      'SELECT 1;\nCREATE PROCEDURE p() BEGIN\n  IF a THEN SELECT 1;\nEND;\nSELECT 2;\n',
      MYSQL,
    );
    assert.deepStrictEqual([e.line, e.col, e.reason], [2, 22, 'unterminated BEGIN ... END block']);
    const w = splitError('CREATE PROCEDURE p() WHILE 1 DO SELECT 1;', MYSQL);
    assert.deepStrictEqual([w.line, w.col, w.reason], [1, 22, 'unterminated WHILE ... END WHILE block']);
  });

  test('# and -- comments; --x is not a comment', () => {
    const sql = 'SELECT 1 # a; b\n, 2 -- c; d\n, 3--4;\nSELECT 5 --\n;SELECT 6 -- ;\n';
    assert.deepStrictEqual(stmts(sql), [
      { text: 'SELECT 1 # a; b\n, 2 -- c; d\n, 3--4', line: 1, col: 1 },
      { text: 'SELECT 5 --', line: 4, col: 1 },
      { text: 'SELECT 6 -- ;', line: 5, col: 2 },
    ]);
    assert.deepStrictEqual(stmts('SELECT 1; # about one\n# about two\nSELECT 2;'), [
      { text: 'SELECT 1', line: 1, col: 1 },
      { text: '# about two\nSELECT 2', line: 3, col: 1 },
    ]);
  });

  test('block comments do not nest', () => {
    assert.deepStrictEqual(mytexts('SELECT 1 /* a /* b */; SELECT 2 */;'), [
      'SELECT 1 /* a /* b */',
      'SELECT 2 */',
    ]);
  });

  test('strings: backslash escapes and doubled quotes hide semicolons', () => {
    const sql = `SELECT 'it\\'s; ok', "say \\"hi\\"; now", 'a''b;', '\\\\'; SELECT 2;`;
    assert.deepStrictEqual(stmts(sql), [
      { text: `SELECT 'it\\'s; ok', "say \\"hi\\"; now", 'a''b;', '\\\\'`, line: 1, col: 1 },
      { text: 'SELECT 2', line: 1, col: 55 },
    ]);
  });

  test('backtick identifiers: semicolons, doubled backticks, no backslash escape', () => {
    const sql = 'CREATE TABLE `a;b` (`c``;d` INT, `e\\` INT); SELECT 2;';
    assert.deepStrictEqual(stmts(sql), [
      { text: 'CREATE TABLE `a;b` (`c``;d` INT, `e\\` INT)', line: 1, col: 1 },
      { text: 'SELECT 2', line: 1, col: 45 },
    ]);
  });

  test('executable comments are statement text, taken whole', () => {
    const sql = [
      '/*!40101 SET NAMES utf8 */;',
      '/*M!100100 SET @x = 1 */;',
      '/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END */;',
      'SELECT /*+ MAX_EXECUTION_TIME(1) */ 1;',
    ].join('\n');
    assert.deepStrictEqual(stmts(sql), [
      { text: '/*!40101 SET NAMES utf8 */', line: 1, col: 1 },
      { text: '/*M!100100 SET @x = 1 */', line: 2, col: 1 },
      {
        text: '/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END */',
        line: 3,
        col: 1,
      },
      { text: 'SELECT /*+ MAX_EXECUTION_TIME(1) */ 1', line: 4, col: 1 },
    ]);
  });

  test('unterminated strings, identifiers and comments are refused where they open', () => {
    const e = splitError("SELECT 1;\nSELECT 'it\\'s;\n", MYSQL);
    assert.deepStrictEqual([e.line, e.col, e.reason], [2, 8, 'unterminated quoted string']);
    assert.deepStrictEqual(
      [splitError('SELECT `a', MYSQL).col, splitError('SELECT `a', MYSQL).reason],
      [8, 'unterminated quoted identifier'],
    );
    assert.equal(splitError('SELECT 1 /*!40101 x;', MYSQL).reason, 'unterminated /*! comment');
    assert.equal(splitError('SELECT 1 /* x;', MYSQL).reason, 'unterminated /* comment');
  });

  test('client backslash commands are refused; \\N (NULL) is not one', () => {
    const e = splitError('SELECT 1;\nSELECT 2\\G\n', MYSQL);
    assert.deepStrictEqual([e.line, e.col], [2, 9]);
    assert.match(e.reason, /mysql client command \\G is not supported/);
    assert.deepStrictEqual(mytexts('SELECT \\N; SELECT 2'), ['SELECT \\N', 'SELECT 2']);
  });

  test('tokenize marks the DELIMITER line as a command and the delimiter as the terminator', () => {
    const sql = 'DELIMITER $$\nSELECT 1$$ # c';
    assert.deepStrictEqual(
      tokenize(sql, MYSQL)
        .filter((t) => t.kind !== 'space')
        .map((t) => [t.kind, sql.slice(t.start, t.end)]),
      [
        ['command', 'DELIMITER $$'],
        ['word', 'SELECT'],
        ['other', '1'],
        ['terminator', '$$'],
        ['comment', '# c'],
      ],
    );
  });

  test('the default dialect stays PostgreSQL', () => {
    assert.deepStrictEqual(texts("SELECT 'a\\'; SELECT 2 # x"), ["SELECT 'a\\'", 'SELECT 2 # x']);
  });

  describe('the sakila schema', () => {
    const file = resolve(import.meta.dirname, '../../../shared/fixtures/mysql/sakila-schema.sql');
    const read = () => {
      assert.ok(
        existsSync(file),
        `missing fixture ${file}: the shared/ folder must sit beside the repository`,
      );
      return readFileSync(file, 'utf8');
    };

    test('splits into its 41 statements: tables, views, triggers and routines under DELIMITER', () => {
      const out = splitStatements(read(), MYSQL);
      assert.equal(out.length, 41);
      const starts = out.map((s) => [s.line, s.col, s.text.replace(/^(?:--.*\n|\s)*/, '').split('\n')[0]]);
      assert.deepStrictEqual(starts.slice(0, 3), [
        [17, 1, 'SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0'],
        [18, 1, 'SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0'],
        [19, 1, "SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='TRADITIONAL'"],
      ]);
      assert.deepStrictEqual(starts[16], [
        184,
        1,
        'CREATE TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN',
      ]);
      assert.deepStrictEqual(starts.slice(32, 38), [
        [447, 1, 'CREATE PROCEDURE rewards_report ('],
        [
          514,
          1,
          'CREATE FUNCTION get_customer_balance(p_customer_id INT, p_effective_date DATETIME) RETURNS DECIMAL(5,2)',
        ],
        [559, 1, 'CREATE PROCEDURE film_in_stock(IN p_film_id INT, IN p_store_id INT, OUT p_film_count INT)'],
        [
          575,
          1,
          'CREATE PROCEDURE film_not_in_stock(IN p_film_id INT, IN p_store_id INT, OUT p_film_count INT)',
        ],
        [591, 1, 'CREATE FUNCTION inventory_held_by_customer(p_inventory_id INT) RETURNS INT'],
        [609, 1, 'CREATE FUNCTION inventory_in_stock(p_inventory_id INT) RETURNS BOOLEAN'],
      ]);
      assert.deepStrictEqual(starts[40], [642, 1, 'SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS']);
      const upd = out[17]!.text;
      assert.ok(upd.startsWith('CREATE TRIGGER `upd_film`') && upd.endsWith('    END IF;\n  END'), upd);
      const rewards = out[32]!.text;
      assert.ok(rewards.endsWith('    DROP TABLE tmpCustomer;\nEND'), rewards);
    });

    test('without its DELIMITER lines (bodies ended by ;) it splits the same way', () => {
      const sql = read();
      const plain = sql.replace(/^DELIMITER .*\n/gm, '').replace(/END\s*(?:;;|\/\/|\$\$)/g, 'END;');
      const body = (s: { text: string }) => s.text.replace(/^(?:--.*\n|\s)*/, '');
      assert.deepStrictEqual(splitStatements(plain, MYSQL).map(body), splitStatements(sql, MYSQL).map(body));
    });
  });
});

describe('splitStatements: a delimiter of the file (atlas:delimiter)', () => {
  const split = (sql: string, delimiter: string, dialect: 'postgres' | 'mysql' = 'postgres') =>
    splitStatements(sql, { dialect, delimiter }).map((s) => [s.text, s.line, s.col]);

  test('blank lines as the delimiter; semicolons are text', () => {
    assert.deepEqual(split('CREATE INDEX i1 ON t1(c1);  \n\nCREATE INDEX i2 ON t2(c2)', '\n\n'), [
      ['CREATE INDEX i1 ON t1(c1);', 1, 1],
      ['CREATE INDEX i2 ON t2(c2)', 3, 1],
    ]);
  });

  test('not inside parentheses, strings, quoted identifiers or comments', () => {
    const sql = 'SELECT (1,\n\n2), \'a\n\nb\', "c\n\nd" /* e\n\nf */\n\nSELECT 2';
    assert.deepEqual(
      split(sql, '\n\n').map((s) => s[0]),
      ['SELECT (1,\n\n2), \'a\n\nb\', "c\n\nd" /* e\n\nf */', 'SELECT 2'],
    );
  });

  test('a comment-like delimiter ends MySQL bodies; comments after a blank-line delimiter lead the next statement', () => {
    assert.deepEqual(
      split('CREATE PROCEDURE p() BEGIN SELECT 1; END\n-- end\nCALL p();', '-- end', 'mysql'),
      [
        ['CREATE PROCEDURE p() BEGIN SELECT 1; END', 1, 1],
        ['CALL p();', 3, 1],
      ],
    );
    assert.deepEqual(split('SELECT 1\n\n-- two\nSELECT 2', '\n\n'), [
      ['SELECT 1', 1, 1],
      ['-- two\nSELECT 2', 4, 1],
    ]);
  });

  test('found inside words and dollar tags, as Atlas finds it at any character', () => {
    assert.deepEqual(
      split('SELECT 1 END$$ SELECT 2', '$$').map((s) => s[0]),
      ['SELECT 1 END', 'SELECT 2'],
    );
  });
});
