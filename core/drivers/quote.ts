// Quoting for code that writes SQL for either dialect without being a driver (the HCL reader,
// the migration bookkeeping): one place that picks the driver's own rules.
import type { Dialect } from '../schema/model.ts';
import { ident as mysqlIdent, literal as mysqlLiteral } from './mysql/sql.ts';
import { ident as pgIdent, literal as pgLiteral } from './postgres/sql.ts';

export const quoteIdent = (dialect: Dialect, name: string): string =>
  dialect === 'mysql' ? mysqlIdent(name) : pgIdent(name);

export const quoteLiteral = (dialect: Dialect, value: string): string =>
  dialect === 'mysql' ? mysqlLiteral(value) : pgLiteral(value);
