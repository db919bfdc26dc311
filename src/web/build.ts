import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { PROJECT_ROOT } from '../data/location.ts';
import { BUNDLE_BUDGET_GZIP_BYTES, formatKb, measureBundle } from './bundle-size.ts';
import { WebError } from './errors.ts';

/** What this needs from a logger; pino's fits. */
export interface BuildLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface BuildOptions {
  /** Build even when `index.html` is already there. */
  readonly force?: boolean;
  /** The Vite project (default `web/` of this checkout). */
  readonly webDir?: string;
  /** Where the build goes (default `<webDir>/dist`). */
  readonly outDir?: string;
  readonly logger?: BuildLogger;
}

/**
 * Builds the dashboard with Vite when it has not been built (or when forced) and returns the
 * folder to serve. The build goes to a private folder that is renamed into place, so a server
 * (or a second builder) never sees a half-written dist.
 */
export async function ensureDashboardBuilt(options: BuildOptions = {}): Promise<string> {
  const webDir = path.resolve(options.webDir ?? path.join(PROJECT_ROOT, 'web'));
  const outDir = path.resolve(options.outDir ?? path.join(webDir, 'dist'));
  const logger = options.logger ?? pino({ name: 'web' });
  if (!options.force && existsSync(path.join(outDir, 'index.html'))) return outDir;

  const configFile = path.join(webDir, 'vite.config.ts');
  if (!existsSync(configFile)) throw new WebError('ERR_WEB_BUILD', `dashboard build: ${configFile} not found`);
  const staging = `${outDir}.building-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    // Loaded only when a build is needed: it is a dev dependency and slow to import.
    const { build } = await import('vite');
    await build({ configFile, logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    if (options.force) await rm(outDir, { recursive: true, force: true });
    await publish(staging, outDir);
  } catch (error) {
    throw new WebError('ERR_WEB_BUILD', `dashboard build failed: ${(error as Error).message}`, { cause: error });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }

  const size = await measureBundle(outDir);
  const report = { outDir, gzipBytes: size.gzipBytes, bytes: size.bytes, budgetBytes: BUNDLE_BUDGET_GZIP_BYTES };
  if (size.gzipBytes > BUNDLE_BUDGET_GZIP_BYTES) {
    logger.warn(report, `dashboard bundle ${formatKb(size.gzipBytes)} gzipped, over the ${formatKb(BUNDLE_BUDGET_GZIP_BYTES)} budget`);
  } else {
    logger.info(report, `dashboard built: ${formatKb(size.gzipBytes)} gzipped (budget ${formatKb(BUNDLE_BUDGET_GZIP_BYTES)})`);
  }
  return outDir;
}

/**
 * Moves the finished build into place. When another process got there first its build is as
 * good as ours; a dist without its index.html is only debris, and ours replaces it.
 */
async function publish(staging: string, outDir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(staging, outDir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt === 3) throw error;
      if (existsSync(path.join(outDir, 'index.html'))) return;
      // Moved aside in one step, then removed: deleting it in place races a builder renaming its dist in.
      const debris = `${outDir}.debris-${randomUUID().slice(0, 8)}`;
      try {
        await rename(outDir, debris);
      } catch (moveError) {
        if ((moveError as NodeJS.ErrnoException).code !== 'ENOENT') throw moveError;
      }
      await rm(debris, { recursive: true, force: true });
    }
  }
}
