import { describe, expect, it } from 'vitest';
import { commandLine } from './report.js';

describe('commandLine', () => {
  it('quotes arguments for the shell and masks a database URL\'s credentials', () => {
    expect(commandLine(['--db', 'postgres://user:secret@host/db', '--out', 'my dir'])).toBe("polyvalence report --db 'postgres://***@host/db' --out 'my dir'");
    expect(commandLine(['--data', "l'export.csv"])).toBe("polyvalence report --data 'l'\\''export.csv'");
  });
});
