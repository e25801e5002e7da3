import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { compareWithStore } from './crash-run.js';
import { LoadSetupError, startLoad } from './load-client.js';

let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = undefined;
});

/**
 * A fake collection server that crashes on every answer's first attempt: half of the
 * time after "storing" it (the response is lost), half of the time before.
 */
async function flakyServer(respond?: (id: string) => { status: number; body: unknown } | undefined) {
  const stored = new Set<string>();
  const seen = new Set<string>();
  const ids: string[] = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => void (text += c.toString()));
    req.on('end', () => {
      const { id } = JSON.parse(text) as { id: string };
      ids.push(id);
      const special = respond?.(id);
      if (special) {
        res.writeHead(special.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(special.body));
        return;
      }
      if (!seen.has(id)) {
        seen.add(id);
        if (seen.size % 2 === 0) stored.add(id);
        req.socket.destroy(); // killed: no response at all
        return;
      }
      const already = stored.has(id);
      stored.add(id);
      res.writeHead(already ? 200 : 201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: already ? 'already_stored' : 'stored' }));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stored, ids };
}

describe('crash load client', () => {
  it('retries a failed submission with the same id and body until it is acknowledged', async () => {
    const fake = await flakyServer();
    const load = startLoad({ urls: [fake.url], campaignId: 'c', workers: 3, bodies: [{ a: 1 }, { a: 2 }], retryDelayMs: 5 });
    while (load.acknowledgedCount() < 12) await new Promise((r) => setTimeout(r, 10));
    const result = await load.stop();
    // Every answer needed two attempts, both with its id; none was sent under another id.
    expect(result.retriedAnswers).toBe(result.acknowledged.size);
    expect(result.failedAttempts).toBe(result.acknowledged.size);
    expect(new Set(fake.ids).size).toBe(result.acknowledged.size);
    expect([...fake.stored].sort()).toEqual([...result.acknowledged.keys()].sort());
    expect([...result.acknowledged.values()]).toContain('already_stored');
    expect([...result.acknowledged.values()]).toContain('stored');
    expect(result.abandoned.size).toBe(0);
  });

  it('stops with a set-up error on a refusal that retrying cannot fix', async () => {
    const fake = await flakyServer(() => ({ status: 429, body: { error: 'Trop de réponses' } }));
    const load = startLoad({ urls: [fake.url], campaignId: 'c', workers: 2, bodies: [{ a: 1 }], retryDelayMs: 5 });
    while (!load.failure()) await new Promise((r) => setTimeout(r, 10));
    await expect(load.stop()).rejects.toThrow(LoadSetupError);
  });
});

describe('crash test comparison', () => {
  it('counts lost, duplicated, unexpected and altered answers', () => {
    const acknowledged = new Map([
      ['a', 'stored'],
      ['b', 'already_stored'],
      ['c', 'stored'],
    ] as const);
    const sent = new Map([
      ['a', '{"x":1}'],
      ['b', '{"x":2}'],
      ['c', '{"x":3}'],
    ]);
    const store = {
      rows: 4,
      data: new Map([
        ['a', '{"x":1}'],
        ['b', '{"x":9}'],
        ['z', '{"x":0}'],
      ]),
    };
    expect(compareWithStore({ acknowledged: new Map(acknowledged) }, sent, store)).toEqual({ lost: 1, altered: 1, unexpected: 1, duplicates: 1 });
    expect(compareWithStore({ acknowledged: new Map(acknowledged) }, sent, { rows: 3, data: new Map(sent) })).toEqual({ lost: 0, altered: 0, unexpected: 0, duplicates: 0 });
  });
});
