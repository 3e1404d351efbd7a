// The provider's documentation in the Terraform registry layout (docs/index.md,
// docs/resources/<name>.md, docs/data-sources/<name>.md), generated from the schemas'
// descriptions and the runnable files under examples/, so that the docs cannot drift from what
// the provider accepts (a test regenerates them and compares).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AttributeSchema,
  BlockSchema,
  DataSource,
  ProviderDefinition,
  Resource,
  TfType,
} from './framework.ts';

const PROVIDER = 'atlas';

/** Every docs file, by path relative to the repository root. */
export function renderDocs(def: ProviderDefinition, root: string): Map<string, string> {
  const out = new Map<string, string>();
  const example = (rel: string) => {
    const path = join(root, 'examples', rel);
    return existsSync(path) ? readFileSync(path, 'utf8').trimEnd() : undefined;
  };
  out.set(
    'docs/index.md',
    page({
      title: `${PROVIDER} Provider`,
      subcategory: '',
      description: def.schema.block.description ?? '',
      body: [
        `# ${PROVIDER} Provider`,
        '',
        def.schema.block.description ?? '',
        ...section('Example Usage', example('provider/provider.tf'), 'terraform'),
        '',
        schemaSection(def.schema.block),
      ].join('\n'),
    }),
  );
  for (const r of def.resources) out.set(`docs/resources/${short(r)}.md`, objectPage('Resource', r, example));
  for (const d of def.dataSources)
    out.set(`docs/data-sources/${short(d)}.md`, objectPage('Data Source', d, example));
  return out;
}

const short = (o: Resource | DataSource) => o.typeName.replace(`${PROVIDER}_`, '');

function objectPage(
  kind: 'Resource' | 'Data Source',
  o: Resource | DataSource,
  example: (rel: string) => string | undefined,
): string {
  const dir = kind === 'Resource' ? 'resources' : 'data-sources';
  const body = [
    `# ${o.typeName} (${kind})`,
    '',
    o.schema.block.description ?? '',
    ...section(
      'Example Usage',
      example(`${dir}/${o.typeName}/${kind === 'Resource' ? 'resource' : 'data-source'}.tf`),
      'terraform',
    ),
    '',
    schemaSection(o.schema.block),
    ...section(
      'Import',
      kind === 'Resource' ? example(`${dir}/${o.typeName}/import.sh`) : undefined,
      'shell',
    ),
  ];
  return page({
    title: `${o.typeName} ${kind} - terraform-provider-${PROVIDER}`,
    subcategory: '',
    description: o.schema.block.description ?? '',
    body: body.join('\n'),
  });
}

function page(p: { title: string; subcategory: string; description: string; body: string }): string {
  const desc = p.description.replace(/\n/g, ' ');
  return `---\npage_title: "${p.title}"\nsubcategory: "${p.subcategory}"\ndescription: |-\n  ${desc}\n---\n\n${p.body.trimEnd()}\n`;
}

function section(title: string, content: string | undefined, lang: string): string[] {
  return content === undefined ? [] : ['', `## ${title}`, '', `\`\`\`${lang}`, content, '```'];
}

/** `## Schema` with Required / Optional / Read-Only lists, then one section per nested block. */
function schemaSection(b: BlockSchema): string {
  const lines = ['## Schema'];
  const nested: [string, BlockSchema][] = [];
  writeBlock(b, '', lines, nested);
  while (nested.length > 0) {
    const [anchor, nb] = nested.shift()!;
    lines.push(
      '',
      `<a id="nestedblock--${anchor}"></a>`,
      `### Nested Schema for \`${anchor.replace(/--/g, '.')}\``,
    );
    writeBlock(nb, anchor, lines, nested);
  }
  return lines.join('\n');
}

function writeBlock(b: BlockSchema, prefix: string, lines: string[], nested: [string, BlockSchema][]): void {
  const groups: Record<'Required' | 'Optional' | 'Read-Only', string[]> = {
    Required: [],
    Optional: [],
    'Read-Only': [],
  };
  for (const [name, a] of Object.entries(b.attributes).sort(([x], [y]) => (x < y ? -1 : 1))) {
    const group = a.required ? 'Required' : a.optional ? 'Optional' : 'Read-Only';
    groups[group].push(`- \`${name}\` (${typeText(a)}) ${oneLine(a.description)}`);
  }
  for (const [name, nb] of Object.entries(b.blocks ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))) {
    const anchor = prefix ? `${prefix}--${name}` : name;
    const max = nb.nesting === 'single' ? ', Max: 1' : '';
    groups.Optional.push(
      `- \`${name}\` (Block ${nb.nesting === 'single' ? '' : `${nb.nesting === 'set' ? 'Set' : 'List'}`}${max}) ${oneLine(nb.block.description ?? '')} (see [below for nested schema](#nestedblock--${anchor}))`.replace(
        '(Block , Max: 1)',
        '(Block, Max: 1)',
      ),
    );
    nested.push([anchor, nb.block]);
  }
  for (const g of ['Required', 'Optional', 'Read-Only'] as const) {
    if (groups[g].length === 0) continue;
    lines.push('', `### ${g}`, '', ...groups[g]);
  }
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

function typeText(a: AttributeSchema): string {
  const t = typeName(a.type);
  return `${t}${a.sensitive ? ', Sensitive' : ''}${a.deprecated ? ', Deprecated' : ''}`;
}

function typeName(t: TfType): string {
  if (typeof t === 'string') return t === 'bool' ? 'Boolean' : t[0]!.toUpperCase() + t.slice(1);
  const [kind, inner] = t;
  if (kind === 'object') return 'Object';
  return `${kind[0]!.toUpperCase()}${kind.slice(1)} of ${typeName(inner as TfType)}`;
}
