/**
 * Submissions over HTTP: the real server (validation + durable SQLite commit) against a
 * bare Hono JSON endpoint on the same machine (the ceiling), each in its own process on
 * 127.0.0.1, driven by autocannon with 64 connections for a fixed duration. Every request
 * to the real server carries a distinct valid synthetic answer with a fresh UUID, so each
 * stores a new answer. Targets: ≥ 0.5× the ceiling's req/s, p99 ≤ 25 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../server/store/sqlite.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { printTable } from './measure.js';

/** The part of autocannon's API used here (the package ships no types). */
interface Histogram { average: number; p50: number; p99: number }
interface AutocannonResult { requests: Histogram; latency: Histogram; non2xx: number; errors: number; timeouts: number; duration: number; '2xx': number }
interface AutocannonRequest { method: string; path: string; headers: Record<string, string>; body?: string }
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; path: string; headers: Record<string, string>; body?: string; setupRequest?: (req: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 64;
const SERVER = fileURLToPath(new URL('./http-server.ts', import.meta.url));

interface Child { url: string; process: ChildProcess }

/** Starts a benchmark server in its own process (through tsx, as `npm run bench` runs). */
async function startChild(args: string[], nodeFlags: string[]): Promise<Child> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', SERVER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`benchmark server ${args[0]} exited with code ${code}`)));
  });
  return { url, process: child };
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGTERM');
  });
}

/** Runs the HTTP submission benchmark for `seconds` per server and prints its table. */
export async function benchSubmissionsHttp(seconds: number, options: { profileDir?: string } = {}): Promise<void> {
  // Distinct answers; ids are made per request so that every request stores a new one.
  const pool = generateAnswers({ n: 2000, seed: 17 }).map((a) => JSON.stringify(a.data));
  let next = 0;
  const freshAnswer = (req: AutocannonRequest): AutocannonRequest => ({ ...req, body: `{"id":"${randomUUID()}","data":${pool[next++ % pool.length]}}` });
  const json = { 'content-type': 'application/json' };

  const dir = mkdtempSync(join(tmpdir(), 'polyvalence-bench-http-'));
  const dbFile = join(dir, 'bench.sqlite');
  const profileFlags = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  try {
    const bare = await startChild(['bare'], []);
    const bareRun = async (duration: number) => autocannon({ url: bare.url, connections: CONNECTIONS, duration, requests: [{ method: 'POST', path: '/x', headers: json, body: pool[0] }] });
    await bareRun(2); // warm-up
    const ceiling = await bareRun(seconds);
    await stopChild(bare);

    const app = await startChild(['app', dbFile], profileFlags);
    const appRun = async (duration: number) => autocannon({ url: app.url, connections: CONNECTIONS, duration, requests: [{ method: 'POST', path: '/api/campaigns/bench/answers', headers: json, setupRequest: freshAnswer }] });
    const warm = await appRun(2); // warm-up: the questionnaire is prepared, the JIT compiles
    const real = await appRun(seconds);
    await stopChild(app);

    const store = openSqliteStore(dbFile);
    const stored = await store.countAnswers('bench');
    await store.close();
    // Requests still in flight when a run ends are stored but not counted by autocannon.
    const acknowledged = warm['2xx'] + real['2xx'];
    if (real.non2xx || stored < acknowledged || stored > acknowledged + 2 * CONNECTIONS + warm.errors + real.errors) {
      throw new Error(`benchmark submissions over HTTP: ${real.non2xx} refused, ${stored} stored for ${acknowledged} acknowledged`);
    }

    const ratio = real.requests.average / ceiling.requests.average;
    printTable(
      `Submissions over HTTP, ${CONNECTIONS} connections, ${seconds} s each (autocannon; ${stored} answers stored, each committed durably)`,
      ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'timeouts', 'target'],
      [
        ['bare Hono JSON endpoint (ceiling)', ceiling.requests.average.toFixed(0), ceiling.latency.p50.toFixed(1), ceiling.latency.p99.toFixed(1), String(ceiling.timeouts), ''],
        ['POST /answers: validate + store in SQLite', real.requests.average.toFixed(0), real.latency.p50.toFixed(1), real.latency.p99.toFixed(1), String(real.timeouts), 'p99 ≤ 25 ms'],
        ['ratio to the ceiling', `${ratio.toFixed(2)}×`, '', '', '', '≥ 0.5×'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
