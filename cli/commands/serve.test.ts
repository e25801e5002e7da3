import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../server/app.js';
import { UsageError } from '../args.js';
import { DEFAULT_DB, DEMO_DB, serveRateLimits, serveStoreLocation } from './serve.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'polyvalence-serve-'));
const TOKEN = 'serve-test-admin-token-0123456789';
let child: ChildProcess | undefined;

afterEach(() => {
  // Only the process this test started.
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `polyvalence serve` on a free port and resolves with its URL once it listens. */
function serve(args: string[]): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', '--db', join(dir, `${args.length}.sqlite`), '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, POLYVALENCE_ADMIN_TOKEN: TOKEN, DATABASE_URL: '', TRUST_PROXY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /à l'écoute sur (http:\/\/[^\s]+) /.exec(output);
      if (m) resolve(m[1]);
    });
    child!.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

async function loginCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-Proto': 'https' },
    body: new URLSearchParams({ token: TOKEN }).toString(),
  });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie') ?? '';
}

describe('polyvalence serve', () => {
  it('keeps the demo in its own file whatever DATABASE_URL says; --db wins over both', () => {
    const env = { DATABASE_URL: 'postgres://app@db.example/polyvalence' };
    expect(serveStoreLocation({ demo: true }, env)).toEqual({ kind: 'sqlite', path: DEMO_DB });
    expect(serveStoreLocation({ demo: true, db: 'x.sqlite' }, env)).toEqual({ kind: 'sqlite', path: 'x.sqlite' });
    expect(serveStoreLocation({}, env)).toEqual({ kind: 'postgres', url: env.DATABASE_URL });
    expect(serveStoreLocation({}, {})).toEqual({ kind: 'sqlite', path: DEFAULT_DB });
  });

  it('keeps the default rate limits unless the test-only submission limit is set, and refuses a bad value', () => {
    expect(serveRateLimits({})).toBeUndefined();
    expect(serveRateLimits({ POLYVALENCE_TEST_SUBMISSION_LIMIT: '' })).toBeUndefined();
    expect(serveRateLimits({ POLYVALENCE_TEST_SUBMISSION_LIMIT: '100000' })).toEqual({
      submissions: { limit: 100000, windowMs: DEFAULT_RATE_LIMITS.submissions.windowMs },
    });
    for (const bad of ['0', '-5', '1e6', 'lots', '10000001']) {
      expect(() => serveRateLimits({ POLYVALENCE_TEST_SUBMISSION_LIMIT: bad })).toThrow(UsageError);
    }
  });

  it('believes the proxy only with --trust-proxy (Secure cookie behind a TLS proxy)', async () => {
    const trusting = await serve(['--trust-proxy']);
    expect(await loginCookie(trusting)).toMatch(/; Secure/);
    child!.kill('SIGTERM');
    const plain = await serve([]);
    expect(await loginCookie(plain)).not.toMatch(/Secure/);
  }, 60_000);
});
