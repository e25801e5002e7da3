/**
 * `npm run bench [-- --answers N --exports N --http-seconds S --profile DIR --design-rows N --evidence N,N --r-max N --report N,N]`:
 * prints every benchmark's figures beside the reference they are compared to. Timings vary on a
 * shared machine: read them as orders of magnitude, and compare within one run.
 * `--report N,N` adds the whole national report at those sizes (opt-in: a million answers take a while;
 * also `npm run bench:report`). Separate scripts: `npm run bench:page` (respondent page in Chromium), `npm run bench:crash`.
 */
import { parseArgs } from 'node:util';
import { benchDesign } from './design.js';
import { benchEvidence } from './evidence.js';
import { benchExports } from './export.js';
import { benchReport } from './report.js';
import { benchSubmissions } from './submission.js';
import { benchSubmissionsHttp } from './submissions-http.js';
import { benchValidator } from './validator.js';

const usage = 'usage: npm run bench -- [--answers N] [--exports N] [--http-seconds S] [--profile DIR] [--design-rows N] [--evidence N,N…] [--r-max N] [--report N,N…]  (whole numbers ≥ 1; --profile writes a CPU profile of the HTTP server)';
let values;
try {
  ({ values } = parseArgs({
    options: {
      answers: { type: 'string', default: '300' },
      exports: { type: 'string', default: '1000000' },
      'http-seconds': { type: 'string', default: '10' },
      profile: { type: 'string' },
      'design-rows': { type: 'string', default: '1000000' },
      evidence: { type: 'string', default: '20000,100000,1000000' },
      'r-max': { type: 'string', default: '20000' },
      report: { type: 'string' },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const answers = Number(values.answers);
const exportsN = Number(values.exports);
const httpSeconds = Number(values['http-seconds']);
const designRows = Number(values['design-rows']);
const evidenceSizes = values.evidence.split(',').map(Number);
const rMax = Number(values['r-max']);
const reportSizes = values.report === undefined ? [] : values.report.split(',').map(Number);
if (![answers, exportsN, httpSeconds, designRows, rMax, ...evidenceSizes, ...reportSizes].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error(usage);
  process.exit(2);
}
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
await benchSubmissions(answers);
await benchValidator(answers);
await benchSubmissionsHttp(httpSeconds, { profileDir: values.profile });
await benchExports(exportsN);
await benchDesign(designRows);
benchEvidence(evidenceSizes, rMax);
if (reportSizes.length) benchReport(reportSizes, rMax);
