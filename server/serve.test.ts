import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore } from './store/sqlite.js';
import { startServer, type RunningServer } from './serve.js';
import { findProjectRoot, defaultClientDir } from './project-root.js';
import type { AnswerStore } from './store/types.js';

let server: RunningServer | undefined;
let store: AnswerStore | undefined;
const savedEnv = process.env.POLYVALENCE_ADMIN_TOKEN;

afterEach(async () => {
  await server?.close();
  await store?.close();
  server = undefined;
  store = undefined;
  if (savedEnv === undefined) delete process.env.POLYVALENCE_ADMIN_TOKEN;
  else process.env.POLYVALENCE_ADMIN_TOKEN = savedEnv;
});

describe('startServer', () => {
  it('starts on port 0, migrates the store and answers over HTTP', async () => {
    delete process.env.POLYVALENCE_ADMIN_TOKEN;
    store = openSqliteStore(':memory:');
    server = await startServer({ store, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.generatedToken).toBe(true);
    expect(server.adminToken.length).toBeGreaterThanOrEqual(32);

    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="fr">');
    expect((await fetch(`${server.url}/api/admin/campaigns`)).status).toBe(401);
    const admin = await fetch(`${server.url}/api/admin/campaigns`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
    expect(await admin.json()).toEqual({ campaigns: [] });
  });

  it('takes the organiser token from POLYVALENCE_ADMIN_TOKEN', async () => {
    process.env.POLYVALENCE_ADMIN_TOKEN = 'token-from-the-environment';
    store = openSqliteStore(':memory:');
    server = await startServer({ store, port: 0 });
    expect(server.generatedToken).toBe(false);
    expect(server.adminToken).toBe('token-from-the-environment');
    const res = await fetch(`${server.url}/api/admin/campaigns`, { headers: { Authorization: 'Bearer token-from-the-environment' } });
    expect(res.status).toBe(200);
  });
});

describe('project root', () => {
  it('is the folder of the package.json named polyvalence', () => {
    const root = findProjectRoot();
    expect(root).toBe(findProjectRoot(new URL('../package.json', import.meta.url)));
    expect(defaultClientDir()).toBe(join(root, 'dist', 'client'));
    expect(() => findProjectRoot('/tmp/not-a-project/file.js')).toThrow(/project root/);
  });
});
