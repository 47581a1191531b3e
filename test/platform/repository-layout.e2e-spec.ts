import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface NestProject {
  type: 'application' | 'library';
  root: string;
  entryFile: string;
  sourceRoot: string;
}

/** nest-cli.json names every app and library as they are on disk, so Nest tooling sees the whole monorepo. */
describe('nest-cli.json', () => {
  const { projects } = JSON.parse(readFileSync('nest-cli.json', 'utf8')) as { projects: Record<string, NestProject> };
  const folders = (parent: string) =>
    readdirSync(parent, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `${parent}/${d.name}`);

  // apps/console is the browser console, a Vite app that Nest tooling does not build (scripts/console.mjs does).
  const NOT_NEST = ['apps/console'];

  it('has one project per folder of apps/ and libs/, and no other', () => {
    const expected = [
      ...folders('apps')
        .filter((root) => !NOT_NEST.includes(root))
        .map((root) => ({ root, type: 'application' })),
      ...folders('libs').map((root) => ({ root, type: 'library' })),
    ];
    const listed = Object.values(projects).map(({ root, type }) => ({ root, type }));
    expect(listed.sort((a, b) => a.root.localeCompare(b.root))).toEqual(expected.sort((a, b) => a.root.localeCompare(b.root)));
  });

  it.each(Object.entries(projects))('%s: its entry file exists', (name, project) => {
    expect(name).toBe(project.root.split('/')[1]);
    expect(project.sourceRoot).toBe(`${project.root}/src`);
    expect(existsSync(join(project.sourceRoot, `${project.entryFile}.ts`))).toBe(true);
  });
});
