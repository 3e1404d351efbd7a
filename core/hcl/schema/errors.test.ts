// Mistakes in schema HCL: each error names the file, line and column of the mistake and says
// what would be right. The messages are part of the interface (they show in CI logs and
// Terraform diagnostics), so they are compared whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUserError } from '../../errors.ts';
import { readSchemaHcl } from '../schema-files.ts';

const CASES: { what: string; text: string; error: string }[] = [
  {
    what: 'syntax',
    text: `table "t" {\n  schema = schema.public\n`,
    error: 'schema.hcl:1:11: Unclosed block: the "{" of the block table "t" is never closed',
  },
  {
    what: 'block',
    text: `schema "public" {}\ntabel "t" {}\n`,
    error:
      'schema.hcl:2:1: unknown block "tabel"; did you mean "table"? (a schema file holds schema, table, view, materialized, enum, domain, composite, range, sequence, function, procedure, aggregate, extension, event_trigger, event, trigger, policy, rule, variable and locals blocks)',
  },
  {
    what: 'attr',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "c" {\n    type = int\n    nul = true\n  }\n}\n`,
    error: 'schema.hcl:6:5: column "c": unknown attribute "nul"; did you mean "null"?',
  },
  {
    what: 'ref',
    text: `schema "public" {}\ntable "users" {\n  schema = schema.public\n  column "id" { type = int }\n}\ntable "t" {\n  schema = schema.public\n  column "u" { type = int }\n  foreign_key "fk" {\n    columns = [column.u]\n    ref_columns = [table.usres.column.id]\n  }\n}\n`,
    error:
      'schema.hcl:11:20: table.usres.column.id refers to no table in the document; did you mean table.users?',
  },
  {
    what: 'col',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "name" { type = int }\n  index "i" {\n    columns = [column.nme]\n  }\n}\n`,
    error: 'schema.hcl:6:16: table "t" has no column "nme"; did you mean "name"?',
  },
  {
    what: 'type',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "c" {\n    type = int\n    null = "yes"\n  }\n}\n`,
    error: 'schema.hcl:6:12: column "c": null must be true or false, got string',
  },
  {
    what: 'required',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "c" {\n    null = true\n  }\n}\n`,
    error: 'schema.hcl:4:3: column "c" is missing the required attribute "type"',
  },
  {
    what: 'word',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "c" { type = int }\n  foreign_key "fk" {\n    columns = [column.c]\n    ref_columns = [column.c]\n    on_delete = CASCAD\n  }\n}\n`,
    error:
      'schema.hcl:8:17: foreign_key "fk": on_delete = CASCAD is not valid; use one of NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT (did you mean CASCADE?)',
  },
  {
    what: 'variable',
    text: `variable "tenant" {\n  type = string\n}\nschema "public" {}\ntable "t" {\n  schema = schema.public\n  comment = var.tenant\n}\n`,
    error:
      'schema.hcl:1:1: variable "tenant" has no value: pass --var tenant=VALUE (string) or give it a default',
  },
  {
    what: 'unknownVar',
    text: `variable "tenant" {\n  type = string\n  default = "x"\n}\nschema "public" {}\ntable "t" {\n  schema = schema.public\n  comment = var.tenat\n}\n`,
    error: 'schema.hcl:8:17: unknown variable "tenat"; did you mean "tenant"?',
  },
  {
    what: 'dupSchema',
    text: `schema "public" {}\nschema "public" {}\n`,
    error: 'schema.hcl:2:1: schema "public" is declared twice (also at schema.hcl:1:1)',
  },
  {
    what: 'noSchema',
    text: `schema "a" {}\nschema "b" {}\ntable "t" {\n  column "c" { type = int }\n}\n`,
    error: 'schema.hcl:3:1: table "t" has no schema: add schema = schema.<name>',
  },
  {
    what: 'fn',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  comment = lowerr("X")\n}\n`,
    error: 'schema.hcl:4:13: Call to unknown function "lowerr"; did you mean "lower"?',
  },
  {
    what: 'blockAsAttr',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "c" { type = int }\n  primary_key = [column.c]\n}\n`,
    error:
      'schema.hcl:5:3: table "t": unknown attribute "primary_key" (primary_key is a block: primary_key { ... })',
  },
  {
    what: 'wrongRefKind',
    text: `schema "public" {}\ntable "t" {\n  schema = table.public\n}\n`,
    error: 'schema.hcl:3:12: expected a reference to schema.<name>, got table.public',
  },
  {
    what: 'enumRef',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "c" { type = enum.mood }\n}\n`,
    error: 'schema.hcl:4:23: enum.mood refers to no enum in the document',
  },
  {
    what: 'dynamic block without content',
    text: `schema "public" {}\ntable "t" {\n  schema = schema.public\n  dynamic "column" {\n    for_each = ["a"]\n  }\n}\n`,
    error: 'schema.hcl:4:3: dynamic "column" needs exactly one content { ... } block',
  },
];

for (const c of CASES) {
  test(`schema HCL error: ${c.what}`, () => {
    assert.throws(
      () => readSchemaHcl([{ path: 'schema.hcl', text: c.text }], { dialect: 'postgres' }),
      (e: unknown) => {
        assert.ok(isUserError(e) && e.code === 'HCL', `not an HCL user error: ${String(e)}`);
        assert.equal(e.message, c.error);
        return true;
      },
    );
  });
}
