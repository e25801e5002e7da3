/**
 * A real `polyvalence serve` process (the built CLI, `dist/cli/main.js`) that the crash
 * test starts, kills with SIGKILL and starts again on the same port, on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findProjectRoot } from '../../server/project-root.js';

/** The built CLI, or a clear error saying how to build it. */
export function builtCli(): string {
  const main = join(findProjectRoot(import.meta.url), 'dist', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first (the crash test drives the real, built CLI)`);
  return main;
}

/** A free TCP port on 127.0.0.1 (picked by the system, then released for the server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs the CLI to completion (e.g. `seed`).
 * @throws with the command's output when it exits with another code than 0.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => void (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`polyvalence ${args[0]} exited with ${code}: ${output}`))));
  });
}

/** One server instance, restartable on its port. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly url: string;

  /**
   * @param port Port on 127.0.0.1, kept across restarts so clients need not follow.
   * @param storeArgs `--db FILE`, or nothing when `env` sets DATABASE_URL.
   * @param env Extra environment (admin token, DATABASE_URL, test rate limit).
   */
  constructor(
    readonly name: string,
    private readonly port: number,
    private readonly storeArgs: string[],
    private readonly env: Record<string, string>,
    private readonly startTimeoutMs = 120_000,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the process and resolves once it listens. */
  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error(`${this.name} is already running`));
    const child = spawn(process.execPath, [builtCli(), 'serve', ...this.storeArgs, '--host', '127.0.0.1', '--port', String(this.port)], {
      env: { ...process.env, TRUST_PROXY: '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = undefined;
    });
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`${this.name} did not listen within ${this.startTimeoutMs} ms: ${output}`)), this.startTimeoutMs);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("à l'écoute sur")) {
          clearTimeout(timer);
          resolve();
        }
      });
      // The server's own errors (a stack on the operator's console) are kept for the message.
      child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code ?? signal}) before listening: ${output}`));
      });
    });
  }

  /** Kills the process with SIGKILL (no clean-up of any kind) and waits until it is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Stops the process with SIGTERM (its clean shutdown), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
