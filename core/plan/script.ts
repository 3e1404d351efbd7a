// A list of statements as a SQL script a person can read and psql can run.
import type { Stmt } from '../drivers/driver.ts';

export function formatScript(stmts: readonly Stmt[]): string {
  return stmts.map((s) => `${s.comment ? `-- ${s.comment}\n` : ''}${s.sql};\n`).join('');
}
