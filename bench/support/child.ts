/** Child processes of the benches: TypeScript entry points run under tsx, talking over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Forks `bench/support/<file>` with tsx; `advanced` IPC carries typed arrays. */
export function forkSupport(file: string, args: readonly string[]): ChildProcess {
  return fork(path.join(here, file), [...args], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
}

/** The next IPC message of `type` from the child; rejects if the child exits first. */
export function waitFor<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`${path.basename(String(child.spawnargs[2]))} exited (${code}) before ${type}`));
    const onMessage = (message: unknown): void => {
      if ((message as { type?: string })?.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
