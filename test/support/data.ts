import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { resolveDataDir } from '../../src/data/location.ts';

/**
 * The dataset folder for tests that need real data, or why it is missing. Outside CI a missing
 * dataset skips the test with the reason printed; in CI (`CI=true`) it is a failure, so a green
 * CI always means the data-driven tests ran.
 */
export function findDataDir(...files: string[]): { dir: string; reason?: undefined } | { dir?: undefined; reason: string } {
  const dir = resolveDataDir();
  const missing = !dir ? ['NBA_DATA_DIR (not set, and ../shared/nba not found)'] : files.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length === 0 && dir) return { dir };
  const reason = `dataset missing: ${missing.join(', ')}${dir ? ` in ${dir}` : ''}`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI requires the dataset)`);
  return { reason };
}

/** `findDataDir` for one test: skips it (outside CI) when the dataset is missing. */
export function requireDataDir(t: TestContext, ...files: string[]): string | undefined {
  const found = findDataDir(...files);
  if (found.reason !== undefined) t.skip(found.reason);
  return found.dir;
}
