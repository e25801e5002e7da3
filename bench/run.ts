/**
 * `npm run bench [-- --answers N --exports N --http-seconds S --profile DIR]`: prints every benchmark's figures beside
 * the reference they are compared to. Timings vary on a shared machine: read them as
 * orders of magnitude, and compare within one run.
 */
import { parseArgs } from 'node:util';
import { benchExports } from './export.js';
import { benchSubmissions } from './submission.js';
import { benchSubmissionsHttp } from './submissions-http.js';
import { benchValidator } from './validator.js';

const usage = 'usage: npm run bench -- [--answers N] [--exports N] [--http-seconds S] [--profile DIR]  (whole numbers ≥ 1; --profile writes a CPU profile of the HTTP server)';
let values;
try {
  ({ values } = parseArgs({ options: { answers: { type: 'string', default: '300' }, exports: { type: 'string', default: '1000000' }, 'http-seconds': { type: 'string', default: '10' }, profile: { type: 'string' } } }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const answers = Number(values.answers);
const exportsN = Number(values.exports);
const httpSeconds = Number(values['http-seconds']);
if (![answers, exportsN, httpSeconds].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error(usage);
  process.exit(2);
}
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
await benchSubmissions(answers);
await benchValidator(answers);
await benchSubmissionsHttp(httpSeconds, { profileDir: values.profile });
await benchExports(exportsN);
