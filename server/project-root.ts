/**
 * Finds the project's root folder (the one whose package.json is named `polyvalence`)
 * by walking up from a module's location, so paths work both from the TypeScript
 * sources (vitest, tsx) and from the compiled `dist/` tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Name in the package.json that marks the project root. */
export const PROJECT_NAME = 'polyvalence';

/**
 * @param from A file URL or path to start from (default: this module).
 * @throws when no ancestor folder holds the project's package.json.
 */
export function findProjectRoot(from: string | URL = import.meta.url): string {
  const start = typeof from === 'string' && !from.startsWith('file:') ? from : fileURLToPath(from);
  let dir = dirname(start);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === PROJECT_NAME) return dir;
      } catch {
        // An unreadable package.json is not ours; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ${PROJECT_NAME} project root above ${start}`);
    dir = parent;
  }
}

/** Default location of the Vite build: `<project root>/dist/client`. */
export function defaultClientDir(): string {
  return join(findProjectRoot(), 'dist', 'client');
}
