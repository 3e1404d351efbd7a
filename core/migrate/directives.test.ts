import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  delimiterDirective,
  directiveArgs,
  fileComments,
  parseFileDirectives,
  statementDirective,
  unescapeDelimiter,
} from './directives.ts';
import { parseTxtar } from './txtar.ts';

const parse = (text: string) => parseFileDirectives('m/1.sql', text);

describe('directives', () => {
  test('the pattern: any printable prefix, a name, arguments after spaces', () => {
    assert.equal(directiveArgs('-- atlas:sum ignore', 'sum'), 'ignore');
    assert.equal(directiveArgs('# atlas:nolint DS103 MF101', 'nolint'), 'DS103 MF101');
    assert.equal(directiveArgs('-- atlas:nolint', 'nolint'), '');
    assert.equal(directiveArgs('-- atlas:nolint', 'sum'), undefined);
    assert.equal(directiveArgs('--atlas:delimiter ;;', 'delimiter', '-- '), undefined);
    assert.equal(directiveArgs('-- atlas:delimiter \\n\\n\nSELECT 1', 'delimiter', '-- '), '\\n\\n');
  });

  test('file comments need a blank line after them', () => {
    assert.deepEqual(fileComments('-- atlas:txmode none\n\nSELECT 1;'), ['-- atlas:txmode none']);
    assert.deepEqual(fileComments('-- atlas:txmode none\nSELECT 1;'), []);
    assert.deepEqual(fileComments('# a\n-- b  \n  \nSELECT 1;'), ['# a', '-- b']);
    assert.deepEqual(fileComments('-- only comments\n'), ['-- only comments']);
    // Atlas finds none in a comment-only file without a final newline.
    assert.deepEqual(fileComments('-- atlas:checkpoint'), []);
    assert.deepEqual(fileComments('SELECT 1;'), []);
  });

  test('every directive of the table', () => {
    assert.deepEqual(parse('SELECT 1;'), { sumIgnore: false, txtar: false });
    assert.equal(parse('-- atlas:sum ignore\nSELECT 1;').sumIgnore, true);
    // sum and delimiter are read from the first line, with or without a blank line after it.
    assert.equal(parse('SELECT 1; -- atlas:sum ignore').sumIgnore, true);
    assert.equal(parse('-- x\n-- atlas:sum ignore\n\nSELECT 1;').sumIgnore, false);
    assert.equal(parse('-- atlas:delimiter \\n\\n\nSELECT 1').delimiter, '\n\n');
    assert.equal(parse('-- atlas:delimiter -- end\n\nSELECT 1').delimiter, '-- end');
    assert.equal(parse('-- atlas:txmode none\n\nSELECT 1;').txMode, 'none');
    assert.equal(parse('-- atlas:txmode file\n\nSELECT 1;').txMode, 'file');
    assert.equal(parse('-- atlas:txmode none\nSELECT 1;').txMode, undefined);
    assert.deepEqual(parse('-- atlas:nolint\n\nDROP TABLE t;').nolint, []);
    assert.deepEqual(
      parse('-- atlas:nolint DS103 destructive\n-- atlas:nolint MF101\n\nDROP TABLE t;').nolint,
      ['DS103', 'destructive', 'MF101'],
    );
    assert.deepEqual(parse('-- atlas:checkpoint\n\nCREATE TABLE t (c int);').checkpoint, {});
    assert.deepEqual(parse('-- atlas:checkpoint v1\n\nCREATE TABLE t (c int);').checkpoint, { tag: 'v1' });
    assert.equal(parse('-- atlas:txtar\n\n-- migration.sql --\nSELECT 1;').txtar, true);
  });

  test('refused directives are kept as the file error, with Atlas-like messages', () => {
    assert.equal(
      parse('-- atlas:txmode all\n\nSELECT 1;').error,
      'm/1.sql: txmode "all" is not allowed in file directive. Use "file" instead (or --tx-mode all for the whole run)',
    );
    assert.equal(
      parse('-- atlas:txmode sometimes\n\nSELECT 1;').error,
      'm/1.sql: unknown txmode "sometimes" found in file directive: use "none" or "file"',
    );
    assert.equal(
      parse('-- atlas:txmode none\n-- atlas:txmode file\n\nSELECT 1;').error,
      'm/1.sql: multiple txmode values found: "none", "file"',
    );
    assert.equal(parse('-- atlas:delimiter').error, 'm/1.sql:1: atlas:delimiter needs a delimiter');
    assert.equal(parse('-- atlas:delimiter ;;').error, 'm/1.sql:1: no input found after delimiter ";;"');
  });

  test('delimiters: escapes both ways', () => {
    assert.equal(unescapeDelimiter('\\n\\r\\t--'), '\n\r\t--');
    assert.equal(delimiterDirective('\n-- end'), '-- atlas:delimiter \\n-- end');
  });

  test('statement directives in the comments above a statement', () => {
    assert.deepEqual(statementDirective('-- atlas:nolint DS103\nDROP TABLE t', 'nolint'), ['DS103']);
    assert.deepEqual(statementDirective('/* atlas:nolint */\n# atlas:nolint MF101\nDROP TABLE t', 'nolint'), [
      '',
      'MF101',
    ]);
    assert.deepEqual(statementDirective('DROP TABLE t -- atlas:nolint', 'nolint'), []);
  });
});

describe('txtar', () => {
  test('comment, members and their offsets', () => {
    const src = '-- atlas:txtar\n\n-- checks.sql --\nSELECT true;\n\n-- migration.sql --\nDROP TABLE t;';
    const a = parseTxtar(src);
    assert.equal(a.comment, '-- atlas:txtar\n\n');
    assert.deepEqual(
      a.files.map((f) => [f.name, f.text, f.line, src.slice(f.offset, f.offset + f.text.length) === f.text]),
      [
        ['checks.sql', 'SELECT true;\n\n', 3, true],
        ['migration.sql', 'DROP TABLE t;', 6, true],
      ],
    );
  });

  test('marker lines need "-- ", a name and " --"', () => {
    const a = parseTxtar('-- a --\n--b --\n-- --\n--  c  --\n');
    assert.deepEqual(
      a.files.map((f) => [f.name, f.text]),
      [
        ['a', '--b --\n-- --\n'],
        ['c', ''],
      ],
    );
    assert.deepEqual(parseTxtar('no markers').files, []);
  });
});
