import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvalence-cli-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('polyvalence backup and restore', () => {
  it.each([
    [['backup', '--out', join(dir, 'b.sqlite')], /--db is required/],
    [['backup', '--db', join(dir, 'x.sqlite')], /--out is required/],
    [['restore', '--db', join(dir, 'x.sqlite')], /--from is required/],
    [['restore', '--from', join(dir, 'b.sqlite')], /--db is required/],
    [['restore', '--from', join(dir, 'b.sqlite'), '--db', join(dir, 'x.sqlite'), '--yes'], /Unknown option '--yes'/],
  ])('refuses %j with exit code 2 and the usage', async (argv, message) => {
    expect(await main(argv)).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).toMatch(/restore +--from SAUVEGARDE.sqlite --db FILE/);
  });

  it('backs up and restores a seeded store, and says why it refuses (exit 1)', async () => {
    const db = join(dir, 'enquete.sqlite');
    const backup = join(dir, 'sauvegarde.sqlite');
    const restored = join(dir, 'restauree.sqlite');
    expect(await main(['seed', '--db', db, '--n', '12', '--seed', '2'])).toBe(0);
    expect(await main(['backup', '--db', db, '--out', backup])).toBe(0);
    expect(out.at(-1)).toMatch(/^sauvegarde cohérente de .*enquete\.sqlite écrite dans .*sauvegarde\.sqlite : 12 réponses, 1 campagne, schéma \d+, [\d.]+ Mo, intégrité vérifiée$/);
    expect(await main(['restore', '--from', backup, '--db', restored])).toBe(0);
    expect(out.at(-1)).toMatch(/restauree\.sqlite restaurée depuis .* : 12 réponses, 1 campagne/);

    expect(await main(['backup', '--db', db, '--out', backup])).toBe(1);
    expect(err.at(-1)).toMatch(/^polyvalence backup: .*sauvegarde\.sqlite exists: choose another name, or add --force/);
    expect(await main(['restore', '--from', backup, '--db', db])).toBe(1);
    expect(err.at(-1)).toMatch(/^polyvalence restore: .*enquete\.sqlite exists: add --force/);
    expect(await main(['restore', '--from', join(dir, 'absente.sqlite'), '--db', join(dir, 'new.sqlite')])).toBe(1);
    expect(err.at(-1)).toMatch(/no backup at .*absente\.sqlite/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'pas une base');
    expect(await main(['restore', '--from', text, '--db', join(dir, 'new.sqlite')])).toBe(1);
    expect(err.at(-1)).toMatch(/notes\.txt is not a SQLite database/);
    expect(existsSync(join(dir, 'new.sqlite'))).toBe(false);
  });
});
