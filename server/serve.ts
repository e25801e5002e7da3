/**
 * Starts the collection server on a port with @hono/node-server.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type AppOptions } from './app.js';
import { generateAdminToken } from './auth/token.js';
import { defaultClientDir } from './project-root.js';
import type { AnswerStore } from './store/types.js';

export interface StartOptions {
  store: AnswerStore;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind (default 127.0.0.1: expose it on purpose, behind a TLS proxy). */
  host?: string;
  /** Organiser token; when absent, `POLYVALENCE_ADMIN_TOKEN`, else a generated one. */
  adminToken?: string;
  /** Vite's output directory (default `<project root>/dist/client`). */
  clientDir?: string;
  /** Behind a reverse proxy: trust its `X-Forwarded-Proto`, `-Host` and `-For` headers. */
  trustProxy?: boolean;
  /** Rate limits per client (defaults: DEFAULT_RATE_LIMITS in app.ts). */
  rateLimits?: AppOptions['rateLimits'];
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:5173`. */
  url: string;
  /** The organiser token in force. */
  adminToken: string;
  /** True when the token was generated here (the caller should show it once). */
  generatedToken: boolean;
  /** Stops listening and closes open connections; does not close the store. */
  close(): Promise<void>;
}

/**
 * Applies the store's migrations, builds the app and listens.
 * Printing a generated token is the caller's job (the CLI), so that tests stay quiet.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const envToken = process.env.POLYVALENCE_ADMIN_TOKEN;
  const given = options.adminToken ?? (envToken && envToken.length > 0 ? envToken : undefined);
  const adminToken = given ?? generateAdminToken();
  const host = options.host ?? '127.0.0.1';

  await options.store.migrate();
  const app = createApp({
    store: options.store,
    adminToken,
    clientDir: options.clientDir ?? defaultClientDir(),
    trustProxy: options.trustProxy,
    rateLimits: options.rateLimits,
  });

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  return {
    url: `http://${urlHost}:${port}`,
    adminToken,
    generatedToken: given === undefined,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive connections would hold close() open; end them.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
