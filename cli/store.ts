import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openSqliteStore } from '../server/store/sqlite.js';
import type { AnswerStore } from '../server/store/types.js';

/**
 * Opens the SQLite store at `path` and applies pending migrations.
 * @param mustExist Refuse a missing file (reading commands) instead of creating it.
 */
export async function openStore(path: string, { mustExist }: { mustExist: boolean }): Promise<AnswerStore> {
  const file = resolve(path);
  if (mustExist && !existsSync(file)) throw new Error(`no database at ${file} (create one with "polyvalence seed" or "polyvalence serve")`);
  mkdirSync(dirname(file), { recursive: true });
  const store = openSqliteStore(file);
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
