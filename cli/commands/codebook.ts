import { writeFileSync } from 'node:fs';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { BOM } from '../../server/export/answers-csv.js';
import { codebookCsv } from '../../server/export/codebook.js';
import { parseOptions, UsageError } from '../args.js';

/**
 * `polyvalence codebook [--format csv|json] [--out FILE]`: the variables of the polyvalence
 * questionnaire. The CSV is the one organisers download (`codebook.csv`): same columns,
 * same neutralisation of formula-like cells.
 */
export async function codebookCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { format: { type: 'string' }, out: { type: 'string' } });
  const format = o.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, got "${format}"`);
  const codebook = buildCodebook(polyvalence);
  if (format === 'json') {
    const text = `${JSON.stringify(codebook, null, 2)}\n`;
    if (o.out) writeFileSync(o.out, text);
    else process.stdout.write(text);
    return;
  }
  const csv = codebookCsv(codebook);
  // The byte order mark tells spreadsheets the file is UTF-8; a pipe has no use for it.
  if (o.out) writeFileSync(o.out, csv);
  else process.stdout.write(csv.slice(BOM.length));
}
