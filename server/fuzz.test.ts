/**
 * Thousands of malformed submissions, drawn by a seeded generator (set
 * POLYVALENCE_FUZZ_SEED to replay another run): each must get a 4xx with a JSON
 * message, nothing may be stored or any invitation used, and the server must keep
 * answering, a valid control submission included.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createAppFixture, NOW, testClientAddress, VALID_DATA, type AppFixture } from './test-support/app-fixture.js';

const SEED = Number(process.env.POLYVALENCE_FUZZ_SEED ?? 20261115);
const CASES = 8000;

/** mulberry32: a small seeded generator, so that a failing case can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const text = (n: number, alphabet = 'abcdefghijklmnopqrstuvwxyzé"\\{}[],:0123456789 ') => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[int(16)]).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  return { next, int, pick, text, uuid };
}
type Rng = ReturnType<typeof generator>;

interface Case {
  kind: string;
  campaign: string;
  body: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

const USED_TOKEN = 'usedusedusedusedusedus';
const FRESH_TOKEN = 'freshfreshfreshfreshfr';
const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const json = (v: unknown) => JSON.stringify(v);
const WEIRD_VALUES: unknown[] = [null, true, false, 0, -1, 1e308, '', 'x', [], {}, [1, 'a'], { a: 1 }, '\u0000', '𝕏'.repeat(3)];
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/** Each maker returns a submission that must be refused, whatever the draw. */
const MAKERS: Record<string, (r: Rng) => Case> = {
  badJson: (r) => {
    const valid = json({ id: r.uuid(), data: VALID_DATA });
    const body = r.pick([valid.slice(0, 1 + r.int(valid.length - 2)), r.text(1 + r.int(200)), `${valid},`, `{${valid}`, "{'id': 1}", 'NaN', '']);
    return { kind: 'badJson', campaign: 'mini-2026', body };
  },
  envelopeTypes: (r) => {
    const body = r.pick<unknown>([[], 'text', 42, null, true, { id: r.pick(WEIRD_VALUES), data: VALID_DATA }, { id: r.uuid().replace(/-/g, ''), data: VALID_DATA }, { id: `${r.uuid()} `, data: VALID_DATA }]);
    return { kind: 'envelopeTypes', campaign: 'mini-2026', body: json(body) };
  },
  missingFields: (r) => ({ kind: 'missingFields', campaign: 'mini-2026', body: json(r.pick<unknown>([{}, { data: VALID_DATA }, { id: r.uuid() }, { id: r.uuid(), data: null }])) }),
  dataTypes: (r) => ({ kind: 'dataTypes', campaign: 'mini-2026', body: json({ id: r.uuid(), data: r.pick<unknown>(['yes', 1, [VALID_DATA], true, [], 'null']) }) }),
  valueTypes: (r) => {
    const key = r.pick(Object.keys(VALID_DATA) as (keyof typeof VALID_DATA)[]);
    const wrong: Record<string, unknown[]> = {
      consent: [1, ['yes'], { yes: 1 }, 'maybe', true],
      dept_code: [1, ['01D'], '99Z', { v: '01D' }],
      team_size: ['12', [12], 51, -1, { n: 1 }, true],
      topics: ['housing', [['housing']], ['unknown'], { housing: true }, 3],
      'topics-Comment': [1, ['x'], { x: 1 }, 'x'.repeat(3001)],
      views: [[1], 'meaning', { meaning: 7 }, { unknown: 1 }, { meaning: [1] }],
      remarks: [1, ['x'], { x: 1 }, 'x'.repeat(201)],
    };
    return { kind: 'valueTypes', campaign: 'mini-2026', body: json({ id: r.uuid(), data: { ...VALID_DATA, [key]: r.pick(wrong[key]) } }) };
  },
  unknownQuestions: (r) => ({ kind: 'unknownQuestions', campaign: 'mini-2026', body: json({ id: r.uuid(), data: { ...VALID_DATA, [`zz_${r.text(1 + r.int(30), 'abcdefghij_.-$ ')}`]: r.pick(WEIRD_VALUES.filter((v) => v !== null)) } }) }),
  forbiddenKeys: (r) => {
    const key = r.pick(FORBIDDEN);
    const value = json(r.pick(WEIRD_VALUES.filter((v) => v !== null)));
    // JSON text, not an object literal: JSON.parse makes these keys own properties.
    const data = json(VALID_DATA).slice(0, -1);
    const body = r.pick([
      `{"id": "${r.uuid()}", "data": ${data}, "${key}": ${value}}}`,
      `{"id": "${r.uuid()}", "data": ${data}, "${key}": {"consent": "yes", "isAdmin": true}}}`,
      `{"id": "${r.uuid()}", "data": ${data.replace('"views":{"meaning":2}', `"views":{"meaning":2,"${key}":1}`)}}}`,
      `{"${key}": {"id": "${r.uuid()}"}, "data": ${data}}}`,
    ]);
    return { kind: 'forbiddenKeys', campaign: 'mini-2026', body };
  },
  hugeStrings: (r) => {
    const size = r.pick([3001, 10_000, 100_000, 250_000, 300_000]);
    const key = r.pick(['remarks', 'topics-Comment', `big_${r.int(9)}`]);
    return { kind: 'hugeStrings', campaign: 'mini-2026', body: json({ id: r.uuid(), data: { ...VALID_DATA, [key]: 'é'.repeat(Math.ceil(size / 2)) + 'x'.repeat(Math.ceil(size / 2)) } }) };
  },
  invalidUtf8: (r) => {
    const text = json({ id: r.uuid(), data: { ...VALID_DATA, remarks: 'MARK' } });
    const bad = r.pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]]);
    const [before, after] = text.split('MARK');
    return { kind: 'invalidUtf8', campaign: 'mini-2026', body: new Uint8Array([...Buffer.from(before), ...bad, ...Buffer.from(after)]) };
  },
  unknownCampaign: (r) => ({ kind: 'unknownCampaign', campaign: r.pick(['nope', 'NOPE', 'a'.repeat(70), '..%2F..%2Fetc', '%00', 'mini-2026%20', encodeURIComponent('mini-2026\u0000')]), body: json({ id: r.uuid(), data: VALID_DATA }) }),
  closedCampaign: (r) => ({ kind: 'closedCampaign', campaign: r.pick(['mini-closed', 'mini-ended', 'mini-later']), body: json({ id: r.uuid(), data: VALID_DATA }) }),
  tokens: (r) => ({
    kind: 'tokens',
    campaign: 'mini-invite',
    body: json({ id: r.uuid(), data: VALID_DATA, ...r.pick<Record<string, unknown>>([{}, { token: USED_TOKEN }, { token: r.text(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') }, { token: r.pick(WEIRD_VALUES) }, { token: `${FRESH_TOKEN}'` }, { token: FRESH_TOKEN, data: { consent: 'maybe' } }]) }),
  }),
  sections: (r) => ({ kind: 'sections', campaign: 'mini-2026', body: json({ id: r.uuid(), data: VALID_DATA, section: r.pick<unknown>(['nope', 1, ['anas-01'], { id: 'anas-01' }, 'ANAS-01', '../x']) }) }),
  contentTypes: (r) => ({
    kind: 'contentTypes',
    campaign: 'mini-2026',
    body: json({ id: r.uuid(), data: VALID_DATA }),
    contentType: r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-patch+json', 'text/json', '']),
  }),
};

let fx: AppFixture;
let app: AppFixture['app'];

beforeAll(async () => {
  fx = await createAppFixture();
  await fx.store.createCampaign({ id: 'mini-invite', title: 'Invitations', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open', invitationMode: 'single_use' });
  await fx.store.createInvitations('mini-invite', [sha256(USED_TOKEN), sha256(FRESH_TOKEN)]);
  await fx.store.insertAnswer({ id: randomUUID(), campaignId: 'mini-invite', questionnaireId: 'mini', questionnaireVersion: '1', submittedOn: '2026-11-15', data: { consent: 'no' } }, { invitationTokenHash: sha256(USED_TOKEN) });
  // The fuzzer sends thousands of requests from one client: lift the submission limit (tested elsewhere).
  app = createApp({ store: fx.store, adminToken: 'fuzz-admin-token-0123456789', clientDir: fx.clientDir, now: () => NOW, clientAddress: testClientAddress, rateLimits: { submissions: { limit: 1_000_000, windowMs: 60_000 } } });
});
afterAll(async () => {
  await fx.cleanup();
});

async function totals(): Promise<string> {
  const campaigns = await fx.store.listCampaigns();
  return JSON.stringify({
    answers: await Promise.all(campaigns.map((c) => fx.store.countAnswers(c.id))),
    invitations: await fx.store.countInvitations('mini-invite'),
  });
}

describe(`fuzzing the answer submission (seed ${SEED})`, () => {
  it(`refuses ${CASES} malformed submissions with a 4xx JSON message and stores nothing`, async () => {
    const before = await totals();
    const rng = generator(SEED);
    const kinds = Object.keys(MAKERS);
    const seen = new Map<string, Set<number>>();
    for (let i = 0; i < CASES; i++) {
      const kind = kinds[i % kinds.length];
      const c = MAKERS[kind](rng);
      const headers: Record<string, string> = {};
      if (c.contentType !== '') headers['Content-Type'] = c.contentType ?? 'application/json';
      const res = await app.request(`/api/campaigns/${c.campaign}/answers`, { method: 'POST', headers, body: c.body });
      const what = `seed ${SEED}, case ${i} (${kind}): ${typeof c.body === 'string' ? c.body.slice(0, 160) : `${c.body.length} bytes`}`;
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
      expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
      const body = (await res.json()) as { error?: unknown };
      expect(typeof body.error === 'string' && body.error.length > 10, what).toBe(true);
      if (!seen.has(kind)) seen.set(kind, new Set());
      seen.get(kind)!.add(res.status);
    }
    expect(await totals()).toBe(before);
    // Each family met the refusal it is about.
    expect([...seen.get('invalidUtf8')!]).toEqual([400]);
    expect(seen.get('hugeStrings')).toEqual(new Set([413, 422]));
    expect(seen.get('tokens')).toEqual(new Set([403, 409, 422]));
    expect(seen.get('closedCampaign')).toEqual(new Set([409, 410]));
    expect([...seen.get('contentTypes')!]).toEqual([415]);
    expect(seen.get('unknownCampaign')!.has(404)).toBe(true);

    // The server still answers, and a valid submission still goes through, with the fresh token too.
    expect((await app.request('/')).status).toBe(200);
    const ok = await app.request('/api/campaigns/mini-2026/answers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: json({ id: randomUUID(), data: VALID_DATA }) });
    expect(ok.status).toBe(201);
    const invited = await app.request('/api/campaigns/mini-invite/answers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: json({ id: randomUUID(), data: VALID_DATA, token: FRESH_TOKEN }) });
    expect(invited.status).toBe(201);
    expect(await fx.store.countInvitations('mini-invite')).toEqual({ issued: 2, used: 2 });
  }, 60_000);
});
