/**
 * `npm run bench [-- --answers N --exports N]`: prints every benchmark's figures beside
 * the reference they are compared to. Timings vary on a shared machine: read them as
 * orders of magnitude, and compare within one run.
 */
import { parseArgs } from 'node:util';
import { benchDesign } from './design.js';
import { benchExports } from './export.js';
import { benchSubmissions } from './submission.js';

const { values } = parseArgs({ options: { answers: { type: 'string', default: '300' }, exports: { type: 'string', default: '1000000' }, 'design-rows': { type: 'string', default: '1000000' } } });
const answers = Number(values.answers);
const exportsN = Number(values.exports);
const designRows = Number(values['design-rows']);
if (!Number.isInteger(answers) || answers < 1 || !Number.isInteger(exportsN) || exportsN < 1 || !Number.isInteger(designRows) || designRows < 1) {
  console.error('usage: npm run bench -- [--answers N] [--exports N] [--design-rows N]  (whole numbers ≥ 1)');
  process.exit(2);
}
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
await benchSubmissions(answers);
await benchExports(exportsN);
await benchDesign(designRows);
