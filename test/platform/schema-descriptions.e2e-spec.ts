import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = 'scripts/schema-descriptions.mjs';

/** Runs the check on the given schema text and pending entries; `null` checks the repository's own files. */
function check(schema: string | null, pending: string[] = []): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'schema-descriptions-'));
  try {
    const files = schema === null ? [] : [join(dir, 'schema.graphql'), join(dir, 'pending.json')];
    if (schema !== null) {
      writeFileSync(files[0], schema);
      writeFileSync(files[1], JSON.stringify({ pending }));
    }
    const run = spawnSync(process.execPath, [SCRIPT, ...files], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DESCRIBED = `
type Query {
  "A shelf by id."
  shelf("Which shelf." id: ID!): Shelf
}
"A shelf of books."
type Shelf {
  "How many books fit."
  capacity: Int!
  "What the shelf holds."
  kind: ShelfKind!
}
"What a shelf holds."
enum ShelfKind {
  "Novels."
  FICTION
  "Everything else."
  OTHER
}
"A new shelf."
input ShelfInput {
  "Books it must fit."
  capacity: Int!
}
`;

describe('schema descriptions check (npm run schema:descriptions)', () => {
  it('passes on the committed schema.graphql with the committed pending list', () => {
    const { status, output } = check(null);
    expect(output).not.toMatch(/^missing description|^pending entry with nothing left/m);
    expect(status).toBe(0);
  });

  it('has nothing pending: every item of the committed schema is described', () => {
    expect(JSON.parse(readFileSync('scripts/schema-descriptions.pending.json', 'utf8')).pending).toEqual([]);
    const { output } = check(null);
    expect(output).not.toMatch(/^pending: /m);
    expect(output).toMatch(/^nothing pending: .* is empty/m);
  });

  it('passes a fully described schema and counts each kind; root types need no description of their own', () => {
    const { status, output } = check(DESCRIBED);
    expect(output).toContain('types: 3 of 3 described');
    expect(output).toContain('fields: 3 of 3 described');
    expect(output).toContain('arguments: 1 of 1 described');
    expect(output).toContain('input fields: 1 of 1 described');
    expect(output).toContain('enum values: 2 of 2 described');
    expect(output).toMatch(/^nothing pending: .* is empty, so every item needs its description when it is added$/m);
    expect(status).toBe(0);
  });

  it.each([
    ['type', 'A shelf of books.', 'type Shelf'],
    ['field', 'How many books fit.', 'field Shelf.capacity'],
    ['argument', 'Which shelf.', 'argument Query.shelf(id:)'],
    ['input field', 'Books it must fit.', 'input field ShelfInput.capacity'],
    ['enum value', 'Novels.', 'enum value ShelfKind.FICTION'],
    ['root field', 'A shelf by id.', 'field Query.shelf'],
  ])('fails on an undescribed %s and names it', (_kind, description, named) => {
    const { status, output } = check(DESCRIBED.replace(`"${description}"`, ''));
    expect(output).toContain(`missing description: ${named}\n`);
    expect(status).toBe(1);
  });

  it('excuses what a pending type or field owns, and nothing else', () => {
    const schema = DESCRIBED.replace('"A shelf of books."', '').replace('"How many books fit."', '').replace('"Which shelf."', '').replace('"Novels."', '');
    const excused = check(schema, ['Shelf', 'Query.shelf', 'ShelfKind']);
    expect(excused.output).toMatch(/^pending: field Shelf.capacity$/m);
    expect(excused.output).toMatch(/^pending: argument Query.shelf\(id:\)$/m);
    expect(excused.status).toBe(0);

    const fieldOnly = check(schema, ['Shelf.kind', 'Query.shelf', 'ShelfKind']);
    expect(fieldOnly.output).toContain('missing description: type Shelf\n');
    expect(fieldOnly.output).toContain('missing description: field Shelf.capacity\n');
    expect(fieldOnly.status).toBe(1);
  });

  it('fails on a pending entry that has nothing left to describe or names nothing, so the list only shrinks', () => {
    const { status, output } = check(DESCRIBED, ['Shelf', 'Query.shelf', 'Gone']);
    expect(output).toContain('pending entry with nothing left to describe (remove it): Shelf\n');
    expect(output).toContain('pending entry with nothing left to describe (remove it): Query.shelf\n');
    expect(output).toContain('pending entry with nothing left to describe (remove it): Gone\n');
    expect(status).toBe(1);
  });
});
