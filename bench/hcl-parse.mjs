// Micro-benchmark of reading schema HCL: a generated Atlas-style schema of 1,000 tables (8
// columns, a primary key, 2 indexes, a foreign key and a heredoc comment each) is parsed
// (core/hcl/syntax) and decoded into the model (core/hcl/schema). The reference, timed in the same
// run, is JSON.parse of the decoded model as JSON: the cost of reading the same schema from the
// cheapest format there is. Ratios are what to compare across machines.
//
//   node bench/hcl-parse.mjs [--tables 1000] [--runs 5] [--comment-lines 55]
//
// The table comments are long (55 lines by default) so that 1,000 tables make about 6 MB, the
// size of the largest schema files we have seen.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const { values: opt } = parseArgs({
  options: {
    tables: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    'comment-lines': { type: 'string', default: '55' },
  },
});
const TABLES = Number(opt.tables);
const RUNS = Number(opt.runs);
const COMMENT_LINES = Number(opt['comment-lines']);

const { parseHcl } = await tsImport('../core/hcl/syntax/parser.ts', import.meta.url);
const { readSchemaHcl } = await tsImport('../core/hcl/schema-files.ts', import.meta.url);

const TYPES = [
  'bigint',
  'integer',
  'varchar(255)',
  'text',
  'boolean',
  'timestamptz',
  'numeric(12, 2)',
  'jsonb',
];

function table(i) {
  const name = `table_${String(i).padStart(4, '0')}`;
  const lines = [
    `table "${name}" {`,
    '  schema = schema.public',
    '  comment = <<-EOT',
    `    ${name} keeps the records of a generated business entity number ${i}.`,
    ...Array.from(
      { length: Math.max(0, COMMENT_LINES - 1) },
      (_, l) =>
        `    ${l % 5 === 4 ? '  ' : ''}Line ${l + 2}: rows are written by the application and read by reports (${i}).`,
    ),
    '  EOT',
  ];
  for (let c = 0; c < 8; c++) {
    const col = c === 0 ? 'id' : `col_${c}_${TYPES[c]?.replace(/\W.*/, '')}`;
    lines.push(
      `  column "${col}" {`,
      `    null    = ${c === 0 ? 'false' : 'true'}`,
      `    type    = ${TYPES[c]}`,
      ...(c === 0
        ? [
            '    identity {',
            '      generated = ALWAYS',
            '      start     = 1',
            '      increment = 1',
            '    }',
          ]
        : [
            `    default = ${c % 2 ? `sql("now()")` : `"value ${c}"`}`,
            `    comment = "Column ${c} of ${name}: a generated column with a long enough comment to look real."`,
          ]),
      '  }',
    );
  }
  const ref = `table_${String(Math.max(0, i - 1)).padStart(4, '0')}`;
  lines.push(
    '  primary_key {',
    '    columns = [column.id]',
    '  }',
    `  foreign_key "${name}_parent_fk" {`,
    '    columns     = [column.col_1_integer]',
    `    ref_columns = [table.${ref}.column.id]`,
    '    on_update   = NO_ACTION',
    '    on_delete   = CASCADE',
    '  }',
    `  index "${name}_name_idx" {`,
    '    columns = [column.col_2_varchar, column.col_3_text]',
    '    unique  = true',
    `    where   = "col_4_boolean AND col_2_varchar <> ''"`,
    '  }',
    `  index "${name}_created_idx" {`,
    '    on {',
    '      column = column.col_5_timestamptz',
    '      desc   = true',
    '    }',
    '    on {',
    '      expr = "lower(col_3_text)"',
    '    }',
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}

const parts = ['schema "public" {\n  comment = "standard public schema"\n}\n\n'];
for (let i = 0; i < TABLES; i++) parts.push(table(i));
const source = parts.join('\n');
const mb = Buffer.byteLength(source, 'utf8') / (1024 * 1024);

/** Median milliseconds of `RUNS` calls after one warm-up. */
function time(fn) {
  fn();
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const blocks = parseHcl(source, 'bench.hcl').body.blocks.length;
const json = JSON.stringify(
  readSchemaHcl([{ path: 'bench.hcl', text: source }], { dialect: 'postgres' }).realm,
);
const reference = time(() => JSON.parse(json));
const parse = time(() => parseHcl(source, 'bench.hcl'));
const decode = time(() => readSchemaHcl([{ path: 'bench.hcl', text: source }], { dialect: 'postgres' }));
const ratio = (ms) => `${ms.toFixed(1)} ms (${(ms / reference).toFixed(1)}x)`;
console.log(
  `hcl: ${TABLES} tables, ${blocks} top-level blocks, ${mb.toFixed(2)} MB of HCL; medians of ${RUNS} runs`,
);
console.log(
  `  reference JSON.parse of the model (${(json.length / (1024 * 1024)).toFixed(2)} MB): ${reference.toFixed(1)} ms (1.0x)`,
);
console.log(`  parse:            ${ratio(parse)}`);
console.log(`  parse + decode:   ${ratio(decode)}`);
