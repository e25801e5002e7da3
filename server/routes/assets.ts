/**
 * Static files: the Vite bundle under `/assets/*` (hashed names, so cached for a year),
 * sent brotli- or gzip-compressed from the files the build wrote beside them, and the
 * server pages' stylesheet.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import { PRECOMPRESSED } from '../build/precompress.js';
import { acceptedEncodings, encodeText } from '../http/content-encoding.js';
import { STYLESHEET, STYLESHEET_PATH } from '../html/stylesheet.js';

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
};

/** Only plain file names in plain folders: no `..`, no hidden files, no odd bytes. */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Types whose files the build may have precompressed: their responses vary by Accept-Encoding. */
const TEXT_TYPE = /^(?:text\/|application\/json|image\/svg)/;

/**
 * Routes serving the bundle from `<clientDir>/assets` and the site stylesheet.
 * @param clientDir Vite's output directory.
 */
export function assetRoutes(clientDir: string): Hono {
  const app = new Hono();
  const assetsDir = resolve(clientDir, 'assets');

  app.get('/assets/*', async (c) => {
    const rel = c.req.path.slice('/assets/'.length);
    const ext = rel.slice(rel.lastIndexOf('.') + 1).toLowerCase();
    const type = CONTENT_TYPES[ext];
    const full = resolve(join(assetsDir, rel));
    if (!SAFE_PATH.test(rel) || !type || !full.startsWith(assetsDir + sep)) return c.notFound();
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=31536000, immutable',
    };
    const compressible = TEXT_TYPE.test(type);
    if (compressible) headers.Vary = 'Accept-Encoding';
    let body: Buffer | undefined;
    for (const encoding of compressible ? acceptedEncodings(c.req.header('Accept-Encoding')) : []) {
      const suffix = PRECOMPRESSED.find((p) => p.encoding === encoding)!.suffix;
      body = await readFile(full + suffix).catch(() => undefined);
      if (body) {
        headers['Content-Encoding'] = encoding;
        break;
      }
    }
    if (!body) {
      try {
        body = await readFile(full);
      } catch {
        return c.notFound();
      }
    }
    headers['Content-Length'] = String(body.length);
    return c.body(new Uint8Array(body), 200, headers);
  });

  // Browsers ask for it on every site; answer without a 404 in their console.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));

  // It holds back the first paint of every page (the respondent's notice included): compressed.
  app.get(STYLESHEET_PATH, (c) => {
    const { body, headers } = encodeText(STYLESHEET, 'text/css; charset=utf-8', c.req.header('Accept-Encoding'));
    return c.body(body, 200, { ...headers, 'Content-Length': String(body.length), 'Cache-Control': 'public, max-age=3600' });
  });

  return app;
}
