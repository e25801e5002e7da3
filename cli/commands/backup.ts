import { backupSqlite, restoreSqlite, type StoreFileSummary } from '../../server/store/sqlite-backup.js';
import { parseOptions, required } from '../args.js';

function describe(s: StoreFileSummary): string {
  const mb = (s.bytes / 1_000_000).toFixed(1);
  return `${s.answers} réponses, ${s.campaigns} campagne${s.campaigns > 1 ? 's' : ''}, schéma ${s.schemaVersion}, ${mb} Mo, intégrité vérifiée`;
}

/**
 * `polyvalence backup --db FILE --out BACKUP.sqlite [--force]`: a consistent copy of a
 * SQLite store, safe while the server writes to it (SQLite's online backup API).
 */
export async function backupCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { db: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
  const db = required(o.db, 'db');
  const out = required(o.out, 'out');
  const summary = await backupSqlite(db, out, { force: o.force });
  console.log(`sauvegarde cohérente de ${db} écrite dans ${summary.file} : ${describe(summary)}`);
}

/**
 * `polyvalence restore --from BACKUP.sqlite --db FILE [--force]`: replaces a SQLite store
 * with a checked backup, in one rename; never a database a server has open.
 */
export async function restoreCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { from: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean' } });
  const from = required(o.from, 'from');
  const db = required(o.db, 'db');
  const summary = await restoreSqlite(from, db, { force: o.force });
  console.log(`${summary.file} restaurée depuis ${from} : ${describe(summary)}`);
}
