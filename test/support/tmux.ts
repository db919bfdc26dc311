/**
 * A real terminal for tests: a tmux server on its own socket (never the user's), windows of a
 * given size running commands, and the screen as a person sees it (`capture-pane -p`).
 */
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/data/location.ts';

/** Why tmux cannot be used here, or undefined. In CI (`CI=true`) its absence is a failure, not a skip. */
export function tmuxMissing(): string | undefined {
  const found = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (found.status === 0) return undefined;
  if (process.env.CI === 'true') throw new Error('tmux is not installed (CI requires it: apt-get install tmux)');
  return 'tmux is not installed';
}

export class Tmux {
  readonly #socket = `courtside-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  #started = false;

  /** Runs a tmux command on this test's server; throws with tmux's own words if it fails. */
  run(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.#socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout;
  }

  /** A window named `name` of `columns`×`rows` running `command` in the project root; it stays after the command ends. */
  open(name: string, command: string, size = { columns: 100, rows: 30 }, env: Readonly<Record<string, string>> = {}): void {
    const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const shell = `${command}; echo "[exit $?]"; sleep 3600`;
    if (!this.#started) this.run('new-session', '-d', '-s', 'test', '-n', name, '-x', String(size.columns), '-y', String(size.rows), '-c', PROJECT_ROOT, ...vars, shell);
    else this.run('new-window', '-d', '-t', 'test', '-n', name, '-c', PROJECT_ROOT, ...vars, shell);
    this.#started = true;
    this.run('resize-window', '-t', `test:${name}`, '-x', String(size.columns), '-y', String(size.rows));
  }

  /** What the window shows now, line by line (`history`: with what scrolled off, wrapped lines joined). */
  screen(name: string, history = false): string[] {
    const text = this.run('capture-pane', '-p', '-t', `test:${name}`, ...(history ? ['-J', '-S', '-'] : []));
    return text.replace(/\n+$/, '').split('\n');
  }

  /** Resolves with the screen once `done` holds for it; fails with the screen after `timeoutMs`. */
  async until(name: string, done: (screen: string) => boolean, { timeoutMs = 60_000, history = false } = {}): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen(name, history);
      if (done(screen.join('\n'))) return screen;
      if (Date.now() > deadline) throw new Error(`window ${name} never showed what was awaited; it shows:\n${screen.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  keys(name: string, ...keys: string[]): void {
    this.run('send-keys', '-t', `test:${name}`, ...keys);
  }

  resize(name: string, columns: number, rows: number): void {
    this.run('resize-window', '-t', `test:${name}`, '-x', String(columns), '-y', String(rows));
  }

  /** Ends the server and every process in its windows. */
  close(): void {
    if (this.#started) spawnSync('tmux', ['-L', this.#socket, 'kill-server']);
    this.#started = false;
  }
}
