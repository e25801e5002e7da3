/**
 * Precompresses the client bundle at build time: next to every text asset of
 * `<clientDir>/assets` it writes `<name>.br` (brotli, best quality) and `<name>.gz`
 * (gzip, level 9), so the server sends the smallest encoding the browser accepts without
 * compressing anything per request. Run by `npm run build` after `vite build`:
 * `node dist/server/build/precompress.js dist/client`.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Extensions worth compressing (source maps are left out: only developer tools load them). */
const COMPRESSIBLE = /\.(?:js|mjs|css|json|svg|html|txt)$/;

/** Encodings written beside each asset, with their file suffix. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type ContentEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

export interface CompressedFile {
  /** Path relative to the assets folder. */
  file: string;
  raw: number;
  br: number;
  gzip: number;
}

/** Brotli at its best quality, with a window as large as the file allows. */
export function brotli(data: Uint8Array): Buffer {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Gzip at level 9. */
export function gzip(data: Uint8Array): Buffer {
  return gzipSync(data, { level: 9 });
}

function* files(dir: string, prefix = ''): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, name)).isDirectory()) yield* files(join(dir, name), rel);
    else yield rel;
  }
}

/**
 * Writes the `.br` and `.gz` siblings of every compressible file under `<clientDir>/assets`.
 * A compressed file that would not be smaller than the original is not written (the server
 * then sends the original).
 * @returns What was compressed, with the sizes in bytes.
 */
export function precompressAssets(clientDir: string): CompressedFile[] {
  const assets = join(clientDir, 'assets');
  const out: CompressedFile[] = [];
  for (const file of files(assets)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const data = readFileSync(join(assets, file));
    const encoded = { br: brotli(data), gzip: gzip(data) };
    for (const { encoding, suffix } of PRECOMPRESSED) {
      if (encoded[encoding].length < data.length) writeFileSync(join(assets, file + suffix), encoded[encoding]);
    }
    out.push({ file, raw: data.length, br: encoded.br.length, gzip: encoded.gzip.length });
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node dist/server/build/precompress.js <client build directory>');
    process.exit(2);
  }
  try {
    for (const f of precompressAssets(dir)) console.log(`${f.file}: ${kb(f.raw)} raw, ${kb(f.br)} brotli, ${kb(f.gzip)} gzip`);
  } catch (e) {
    console.error(`Cannot precompress ${dir}: ${(e as Error).message}`);
    process.exit(1);
  }
}
