import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompressAssets } from '../build/precompress.js';
import { createAppFixture, type AppFixture } from '../test-support/app-fixture.js';
import { acceptedEncodings } from '../http/content-encoding.js';

let fx: AppFixture;
// Large and repetitive enough that both encodings shrink it.
const SCRIPT = `export const texts = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `question ${i} : réponse`))};\n`;

beforeEach(async () => {
  fx = await createAppFixture();
  writeFileSync(join(fx.clientDir, 'assets', 'main-AbC123.js'), SCRIPT);
  writeFileSync(join(fx.clientDir, 'assets', 'main-AbC123.js.map'), '{"version":3}');
  writeFileSync(join(fx.clientDir, 'assets', 'tiny-Q1.css'), 'a{}');
  precompressAssets(fx.clientDir);
});
afterEach(async () => {
  await fx.cleanup();
});

const get = (path: string, acceptEncoding?: string) =>
  fx.app.request(path, acceptEncoding === undefined ? {} : { headers: { 'Accept-Encoding': acceptEncoding } });

describe('acceptedEncodings', () => {
  it('prefers brotli, honours q=0 and the wildcard', () => {
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=1.0, br;q=0.5')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedEncodings('x-gzip')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('*;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings('br;q=abc')).toEqual([]);
  });
});

describe('precompressed assets', () => {
  it('writes .br and .gz beside text files only, and only when smaller', () => {
    const assets = join(fx.clientDir, 'assets');
    expect(existsSync(join(assets, 'main-AbC123.js.br'))).toBe(true);
    expect(existsSync(join(assets, 'main-AbC123.js.gz'))).toBe(true);
    expect(existsSync(join(assets, 'main-AbC123.js.map.br'))).toBe(false);
    // Three bytes do not shrink.
    expect(existsSync(join(assets, 'tiny-Q1.css.br'))).toBe(false);
    expect(brotliDecompressSync(readFileSync(join(assets, 'main-AbC123.js.br'))).toString()).toBe(SCRIPT);
  });

  it('sends brotli to a browser that accepts it, with its true length, Vary and immutable caching', async () => {
    const res = await get('/assets/main-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(body.length));
    expect(body.length).toBeLessThan(SCRIPT.length / 2);
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
  });

  it('sends gzip when brotli is not accepted, and the plain file when neither is', async () => {
    const gz = await get('/assets/main-AbC123.js', 'gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const gzBody = Buffer.from(await gz.arrayBuffer());
    expect(gz.headers.get('content-length')).toBe(String(gzBody.length));
    expect(gunzipSync(gzBody).toString()).toBe(SCRIPT);

    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/assets/main-AbC123.js', accept);
      expect(plain.headers.get('content-encoding'), accept).toBeNull();
      expect(plain.headers.get('vary')).toBe('Accept-Encoding');
      expect(await plain.text()).toBe(SCRIPT);
      expect(plain.headers.get('content-length')).toBe(String(Buffer.byteLength(SCRIPT)));
    }
  });

  it('sends the site stylesheet compressed too', async () => {
    const plain = await get('/static/site.css');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const css = await plain.text();
    const br = await get('/static/site.css', 'gzip, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(css);
  });

  it('sends a file without a smaller encoding as it is, and never the compressed files by their own names', async () => {
    const css = await get('/assets/tiny-Q1.css', 'br, gzip');
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(await css.text()).toBe('a{}');
    for (const path of ['/assets/main-AbC123.js.br', '/assets/main-AbC123.js.gz']) {
      expect((await get(path, 'br')).status, path).toBe(404);
    }
  });
});
