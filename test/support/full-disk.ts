/**
 * A disk that can be filled and freed under a running service: a small tmpfs of its own, filled to
 * the last page by one file, so every write that needs space gets ENOSPC (SQLITE_FULL). Mounting
 * needs root and a kernel that allows it; where it is not allowed (CI in an unprivileged
 * container), `open` says why and the test falls back to the real store whose writes fail on
 * demand (`ControlledStore.full()`), behind the same `GameStore` interface.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class FullDisk {
  readonly #filler: string;

  private constructor(readonly dir: string) {
    this.#filler = path.join(dir, 'filler');
  }

  /** A mounted tmpfs of `sizeMb`, or why none could be mounted. */
  static open(sizeMb: number): FullDisk | { readonly reason: string } {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-full-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
      return new FullDisk(dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      return { reason: `cannot mount a tmpfs here (${String((error as { stderr?: unknown }).stderr ?? error).trim()})` };
    }
  }

  /** Writes one file until the file system refuses even one more page. */
  fill(): void {
    const fd = openSync(this.#filler, 'a');
    try {
      for (let chunk = 1 << 20; chunk >= 512; chunk >>= 1) {
        const bytes = Buffer.alloc(chunk, 1);
        for (;;) {
          try {
            writeSync(fd, bytes);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
            break;
          }
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  free(): void {
    rmSync(this.#filler, { force: true });
  }

  /** A file the service just closed can keep the mount busy a moment: then it is detached lazily (freed once unused). */
  unmount(): void {
    try {
      execFileSync('umount', [this.dir], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['--lazy', this.dir]);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
