// Unit tests of secret redaction: no password may survive into anything shown to a person.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redact, urlPassword } from './redact.ts';

const PW = 'Sup3rS3cret!pw';

describe('redact', () => {
  test('URL passwords in any scheme', () => {
    for (const scheme of [
      'postgres',
      'postgresql',
      'mysql',
      'mariadb',
      'pglite',
      'redis',
      'https',
      'sqlserver',
    ]) {
      const out = redact(`failed: ${scheme}://app:${PW}@db.example.com:5432/shop`);
      assert.equal(out, `failed: ${scheme}://app:xxxxx@db.example.com:5432/shop`);
    }
  });

  test('upper-case schemes and URLs inside text', () => {
    assert.equal(
      redact(`"POSTGRES://app:${PW}@h/db" and (mysql://root:${PW}@h:3306/x).`),
      '"POSTGRES://app:xxxxx@h/db" and (mysql://root:xxxxx@h:3306/x).',
    );
  });

  test('every URL on a line', () => {
    assert.equal(
      redact(`from postgres://a:${PW}@h1/db to postgres://b:p%40ss@h2/db`),
      'from postgres://a:xxxxx@h1/db to postgres://b:xxxxx@h2/db',
    );
  });

  test('empty user, percent-encoded and empty passwords', () => {
    assert.equal(redact(`redis://:${PW}@cache:6379`), 'redis://:xxxxx@cache:6379');
    assert.equal(redact('postgres://u:p%40ss%2Fw@h/db'), 'postgres://u:xxxxx@h/db');
    assert.equal(redact('postgres://u:@h/db'), 'postgres://u:xxxxx@h/db');
  });

  test('password= parameters', () => {
    assert.equal(
      redact(`postgres://u@h/db?sslmode=disable&password=${PW}`),
      'postgres://u@h/db?sslmode=disable&password=xxxxx',
    );
    assert.equal(
      redact(`postgres://u@h/db?password=${PW}&sslmode=disable`),
      'postgres://u@h/db?password=xxxxx&sslmode=disable',
    );
    assert.equal(redact(`host=h PASSWORD=${PW} dbname=x`), 'host=h PASSWORD=xxxxx dbname=x');
    assert.equal(redact(`pwd=${PW} passwd=${PW}`), 'pwd=xxxxx passwd=xxxxx');
  });

  test('explicit secrets, wherever they appear', () => {
    const msg = `password authentication failed, tried "${PW}" twice: ${PW}`;
    assert.equal(redact(msg, [PW]), 'password authentication failed, tried "xxxxx" twice: xxxxx');
    assert.equal(redact('decoded p@ss and raw p%40ss', ['p@ss', 'p%40ss']), 'decoded xxxxx and raw xxxxx');
  });

  test('secrets shorter than 3 characters are not replaced (they would garble the text)', () => {
    assert.equal(redact('a message about ab', ['ab', '']), 'a message about ab');
  });

  test('no false positives on URLs without a password', () => {
    for (const text of [
      'postgres://app@localhost:5432/shop',
      'postgres://localhost:5432/shop?sslmode=disable',
      'postgresql://h/db?search_path=billing',
      'pglite://./data',
      'pglite:///var/lib/db',
      'mysql://root@127.0.0.1:3306/',
      'see https://www.postgresql.org/docs/current/libpq-ssl.html for details',
      'connect ECONNREFUSED 127.0.0.1:5432',
      'time 12:30:00 and user@example.com',
      'postgres://h:5432/db?application_name=me@corp',
    ]) {
      assert.equal(redact(text), text);
    }
  });

  // BUG: the URL pattern's password part is [^@/\s]*, so an unencoded `/` in a password (common in
  // generated passwords) stops the match and the whole password is printed. Such URLs do not
  // parse, so parsePgUrl echoes them in its "malformed database URL" message.
  test('a password with an unencoded slash', () => {
    const out = redact(`malformed database URL "postgres://u:Sup3r/S3cret@127.0.0.1:1/db"`);
    assert.doesNotMatch(out, /Sup3r|S3cret/);
  });

  // BUG: with an unencoded `@` the last one ends the userinfo (that is how URL parsers read it),
  // but the pattern stops at the first, so the part after it is printed.
  test('a password with an unencoded at-sign', () => {
    assert.doesNotMatch(redact('postgres://u:Sup3r@S3cret@h/db'), /S3cret/);
  });

  // BUG: even when the caller passes the decoded password as a secret (as connectError does),
  // the URL pattern runs first and breaks it apart, so the secret no longer matches.
  test('an explicit secret that the URL pattern would split', () => {
    const out = redact('cannot reach postgres://u:Sup3r@S3cret@127.0.0.1:1/db', ['Sup3r@S3cret']);
    assert.doesNotMatch(out, /S3cret/);
  });
});

describe('urlPassword', () => {
  test('returns the decoded password', () => {
    assert.equal(urlPassword(`postgres://u:${encodeURIComponent(PW)}@h/db`), PW);
    assert.equal(urlPassword('postgres://u:p%40ss@h/db'), 'p@ss');
    assert.equal(urlPassword('postgres://u:Sup3r@S3cret@h/db'), 'Sup3r@S3cret');
  });

  test('undefined without a password or for a string that is not a URL', () => {
    assert.equal(urlPassword('postgres://u@h/db'), undefined);
    assert.equal(urlPassword('postgres://h/db'), undefined);
    assert.equal(urlPassword('not a url'), undefined);
    assert.equal(urlPassword('postgres://u:p%zz@h/db'), undefined);
  });
});
