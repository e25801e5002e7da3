/**
 * `npm run bench [-- --answers N --exports N]`: prints every benchmark's figures beside
 * the reference they are compared to. Timings vary on a shared machine: read them as
 * orders of magnitude, and compare within one run.
 *
 * The crash test is apart, as `npm run bench:crash` (bench/crash.ts): it kills real server
 * processes 20 times and checks the store, rather than measuring speed.
 */
import { parseArgs } from 'node:util';
import { benchExports } from './export.js';
import { benchSubmissions } from './submission.js';

const { values } = parseArgs({ options: { answers: { type: 'string', default: '300' }, exports: { type: 'string', default: '1000000' } } });
const answers = Number(values.answers);
const exportsN = Number(values.exports);
if (!Number.isInteger(answers) || answers < 1 || !Number.isInteger(exportsN) || exportsN < 1) {
  console.error('usage: npm run bench -- [--answers N] [--exports N]  (whole numbers ≥ 1)');
  process.exit(2);
}
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
await benchSubmissions(answers);
await benchExports(exportsN);
