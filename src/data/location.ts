import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The checkout's root, wherever the process was started from: above src/data/, or above dist/src/data/ when compiled. */
export const PROJECT_ROOT = path.resolve(here, path.basename(path.resolve(here, '../..')) === 'dist' ? '../../..' : '../..');

/**
 * Where the NBA dataset lives: an explicit choice, else `$NBA_DATA_DIR`, else `../shared/nba`
 * beside the checkout when it exists (so `npm start` needs no setting). Undefined when none is.
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (explicit) return path.resolve(explicit);
  if (env.NBA_DATA_DIR) return path.resolve(env.NBA_DATA_DIR);
  const beside = path.resolve(PROJECT_ROOT, '../shared/nba');
  return existsSync(beside) ? beside : undefined;
}

/** `resolveDataDir` for options that may be given several times (`--data A --data B`): the ones given, else the default one. */
export function resolveDataDirs(explicit: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (explicit.length > 0) return explicit.map((dir) => path.resolve(dir));
  const dir = resolveDataDir(undefined, env);
  return dir === undefined ? undefined : [dir];
}
