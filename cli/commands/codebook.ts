import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { buildCodebook } from '../../survey/codebook.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { parseOptions, UsageError } from '../args.js';

/** `polyvalence codebook [--format csv|json] [--out FILE]`: the variables of the polyvalence questionnaire. */
export async function codebookCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, { format: { type: 'string' }, out: { type: 'string' } });
  const format = o.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, got "${format}"`);
  const codebook = buildCodebook(polyvalence);
  const text = format === 'json'
    ? `${JSON.stringify(codebook, null, 2)}\n`
    : Papa.unparse(codebook.columns.map((c) => ({
      name: c.name,
      question: c.question,
      kind: c.kind,
      survey_type: c.surveyType,
      page: c.page,
      label_fr: c.title.fr,
      label_en: c.title.en,
      choices: (c.choices ?? []).map((ch) => `${ch.value}=${ch.label.fr}`).join(' | '),
      min: c.min ?? '',
      max: c.max ?? '',
      required: c.required ? 'yes' : 'no',
      quasi_identifier: c.qi ?? '',
      free_text: c.freeText ? 'yes' : 'no',
      visible_if: c.visibleIf ?? '',
    })));
  if (o.out) writeFileSync(o.out, format === 'csv' ? `\uFEFF${text}\n` : text);
  else process.stdout.write(format === 'csv' ? `${text}\n` : text);
}
