/**
 * Progress of a long command on the terminal: a bar (cli-progress) when stderr is a
 * terminal, else one line per step, so that logs and CI output stay readable.
 */
import cliProgress from 'cli-progress';

/** Reports steps of one phase (e.g. "figures", "fichiers"). */
export interface Progress {
  /** A step is done: `done` of `total`, with what it was. */
  step(phase: string, done: number, total: number, what: string): void;
  /** Ends the bar, if any. */
  stop(): void;
}

/**
 * A progress reporter writing to `stream` (stderr by default).
 * @param stream Where to write; a bar only when it is a TTY.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return {
      step: (phase, done, total, what) => stream.write(`${phase} ${done}/${total}${what ? ` : ${what}` : ''}\n`),
      stop: () => {},
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  return {
    step(phase, done, total, what) {
      if (phase !== current) {
        bar?.stop();
        bar = new cliProgress.SingleBar({ stream, format: `${phase.padEnd(8)} [{bar}] {value}/{total} {what}`, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
        bar.start(total, 0, { what: '' });
        current = phase;
      }
      bar!.update(done, { what });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
