/**
 * `npm run bench [-- --answers N --exports N --evidence N,N]`: prints every benchmark's figures beside
 * the reference they are compared to. Timings vary on a shared machine: read them as
 * orders of magnitude, and compare within one run.
 */
import { parseArgs } from 'node:util';
import { benchEvidence } from './evidence.js';
import { benchExports } from './export.js';
import { benchSubmissions } from './submission.js';

const { values } = parseArgs({ options: { answers: { type: 'string', default: '300' }, exports: { type: 'string', default: '1000000' }, evidence: { type: 'string', default: '100000,1000000' } } });
const answers = Number(values.answers);
const exportsN = Number(values.exports);
const evidenceSizes = values.evidence.split(',').map(Number);
if (!Number.isInteger(answers) || answers < 1 || !Number.isInteger(exportsN) || exportsN < 1 || !evidenceSizes.every((n) => Number.isInteger(n) && n >= 1)) {
  console.error('usage: npm run bench -- [--answers N] [--exports N] [--evidence N,N…]  (whole numbers ≥ 1)');
  process.exit(2);
}
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
await benchSubmissions(answers);
await benchExports(exportsN);
benchEvidence(evidenceSizes);
