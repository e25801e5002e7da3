/**
 * Finds the hashed file names of the browser bundle in Vite's manifest
 * (`<clientDir>/.vite/manifest.json`), so that the server can render its own HTML shell.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  css?: string[];
  assets?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

/** URLs (from the site root) of what the respondent page must load. */
export interface ClientEntry {
  script: string;
  styles: string[];
  /** Chunks the entry imports, statically or at once dynamically (the page proper), worth preloading. */
  preloads: string[];
  /**
   * Stylesheets of the chunks the entry imports dynamically: preloaded without blocking the
   * first paint; the chunk applies them when it runs.
   */
  preloadStyles: string[];
  /** Every file of the build (chunks loaded later included), for the service worker to cache. */
  assets: string[];
}

/** The bundle is not built (or not where the server looks): a deployment mistake, not a bug. */
export class ClientBundleMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientBundleMissingError';
  }
}

/** Path of Vite's manifest inside a client build directory. */
export function manifestPath(clientDir: string): string {
  return join(clientDir, '.vite', 'manifest.json');
}

/**
 * Reads the entry of a Vite build.
 * @throws ClientBundleMissingError when the manifest is missing or has no entry.
 */
export function readClientEntry(clientDir: string): ClientEntry {
  const path = manifestPath(clientDir);
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  } catch (e) {
    throw new ClientBundleMissingError(`Cannot read the client manifest ${path} (${(e as Error).message}); run "npm run build"`);
  }
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new ClientBundleMissingError(`The client manifest ${path} has no entry chunk`);

  const styles = new Set<string>();
  const preloads = new Set<string>();
  const seen = new Set<string>();
  // CSS can hang off imported chunks too; walk the static import graph.
  const visit = (chunk: ManifestChunk, isRoot: boolean) => {
    for (const css of chunk.css ?? []) styles.add(`/${css}`);
    if (!isRoot) preloads.add(`/${chunk.file}`);
    for (const key of chunk.imports ?? []) {
      if (seen.has(key) || !manifest[key]) continue;
      seen.add(key);
      visit(manifest[key], false);
    }
  };
  visit(entry, true);
  // The entry imports the page proper dynamically, at once: fetch it with the entry rather
  // than one round trip later, and its stylesheet without holding back the first paint.
  const lazyStyles = new Set<string>();
  const visitLazy = (chunk: ManifestChunk) => {
    if (chunk !== entry) preloads.add(`/${chunk.file}`);
    for (const css of chunk.css ?? []) if (!styles.has(`/${css}`)) lazyStyles.add(`/${css}`);
    for (const key of chunk.imports ?? []) {
      if (seen.has(key) || !manifest[key]) continue;
      seen.add(key);
      visitLazy(manifest[key]);
    }
  };
  for (const key of entry.dynamicImports ?? []) {
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    visitLazy(manifest[key]);
  }
  const assets = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
      if (typeof file === 'string' && !file.endsWith('.map')) assets.add(`/${file}`);
    }
  }
  return { script: `/${entry.file}`, styles: [...styles], preloads: [...preloads], preloadStyles: [...lazyStyles], assets: [...assets].sort() };
}

/**
 * Returns a reader of the client entry that re-reads the manifest only when it changed,
 * so a rebuild while the server runs is picked up and a missing build can be fixed
 * without a restart.
 */
export function cachedClientEntry(clientDir: string): () => ClientEntry {
  let cached: { mtimeMs: number; entry: ClientEntry } | undefined;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(manifestPath(clientDir)).mtimeMs;
    } catch {
      throw new ClientBundleMissingError(`The client bundle is not built: ${manifestPath(clientDir)} is missing; run "npm run build"`);
    }
    if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, entry: readClientEntry(clientDir) };
    return cached.entry;
  };
}
