// A list of statements as a SQL script a person can read and psql can run.
import type { Stmt } from '../drivers/driver.ts';

export function formatScript(stmts: readonly Stmt[]): string {
  return stmts.map((s) => `${s.comment ? `-- ${s.comment}\n` : ''}${terminated(s)}\n`).join('');
}

/**
 * A statement with its terminator. A MySQL body with `;` inside goes between `DELIMITER` lines,
 * as the mysql client (and our splitter) reads it.
 */
export function terminated(s: Stmt): string {
  if (!s.compound) return `${s.sql};`;
  let d = '$$';
  while (s.sql.includes(d)) d += '$';
  return `DELIMITER ${d}\n${s.sql}${d}\nDELIMITER ;`;
}
