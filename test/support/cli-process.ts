/**
 * A `courtside` subcommand run as its own process, the way an operator runs it: output captured,
 * lines waited for, and a kill that works whatever state the child is in (even stopped).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { PROJECT_ROOT } from '../../src/data/location.ts';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class CliProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';
  readonly #listeners = new Set<() => void>();

  /** `args` after `courtside`, e.g. `['serve', '--port', '0']`. */
  constructor(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const changed = (): void => {
      for (const listener of this.#listeners) listener();
    };
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      changed();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      changed();
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        resolve({ code, signal });
        changed();
      });
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first match of `pattern` in stdout; rejects if the process exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(this.stdout);
        if (match) return finish(() => resolve(match));
        if (!this.running) finish(() => reject(new Error(`exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`))), timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        settle();
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Sends `signal` (default SIGKILL) and waits for the exit; a no-op once exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }

  /** Freezes the process (SIGSTOP) or lets it go on (SIGCONT): its sockets stay open meanwhile. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    if (this.running) this.child.kill(signal);
  }
}
