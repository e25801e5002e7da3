/**
 * The boundaries of the design (README, Architecture): survey/ knows questionnaires and nothing
 * of HTTP or storage; analysis/ is pure (no I/O outside its test support); reports/ turns results
 * into documents and never reads the store; server/ calls analysis/ and reports/; only cli/ drives
 * them all. Checked on the imports of every source file (tests may reach further).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['survey', 'server', 'analysis', 'reports', 'cli'] as const;
type Folder = (typeof FOLDERS)[number];

/** Source files of a folder, tests and the browser bundle's build output left out. */
function sources(folder: Folder): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** What a file imports, statically or dynamically: project folders it reaches, and packages. */
function imports(file: string): { folders: Set<string>; packages: Set<string> } {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
  const folders = new Set<string>();
  const packages = new Set<string>();
  for (const s of specifiers) {
    if (s.startsWith('.')) folders.add(relative(ROOT, resolve(dirname(file), s)).split(sep)[0]);
    else packages.add(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);
  }
  return { folders, packages };
}

const STORAGE_OR_HTTP = ['better-sqlite3', 'pg', 'hono', '@hono/node-server', 'node:http', 'node:net'];

const RULES: Record<Folder, { notFolders: Folder[]; notPackages: string[] }> = {
  survey: { notFolders: ['server', 'reports', 'cli'], notPackages: STORAGE_OR_HTTP },
  analysis: { notFolders: ['server', 'reports', 'cli'], notPackages: [...STORAGE_OR_HTTP, 'vega', 'vega-lite'] },
  reports: { notFolders: ['server', 'cli'], notPackages: STORAGE_OR_HTTP },
  server: { notFolders: ['cli'], notPackages: [] },
  cli: { notFolders: [], notPackages: [] },
};

describe('the boundaries between the four folders and the command line', () => {
  for (const folder of FOLDERS) {
    it(`${folder}/ imports only what it may`, () => {
      const files = sources(folder);
      expect(files.length).toBeGreaterThan(0);
      const breaches: string[] = [];
      for (const file of files) {
        const { folders, packages } = imports(file);
        const name = relative(ROOT, file);
        for (const f of RULES[folder].notFolders) if (folders.has(f)) breaches.push(`${name} imports from ${f}/`);
        for (const p of RULES[folder].notPackages) if (packages.has(p)) breaches.push(`${name} imports ${p}`);
        // analysis/ is pure: files only in its test support (R references), never in a pipeline.
        if (folder === 'analysis' && !name.startsWith(join('analysis', 'test-support')) && [...packages].some((p) => p === 'node:fs' || p === 'node:fs/promises')) breaches.push(`${name} reads or writes files`);
      }
      expect(breaches).toEqual([]);
    });
  }

  it('sees a breach when there is one', () => {
    // The checker itself: cli/ does reach server/ (statically) and its commands (dynamically).
    expect(imports(join(ROOT, 'cli', 'store.ts')).folders.has('server')).toBe(true);
    expect(imports(join(ROOT, 'cli', 'main.ts')).folders.has('cli')).toBe(true);
  });
});
