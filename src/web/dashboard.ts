/**
 * The dashboard the service serves: built once, at build time (`npm run build`, which `npm start`
 * runs first), never by the running service, which so never loads Vite.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../data/location.ts';
import { WebError } from './errors.ts';

/** Where `vite build --config web/vite.config.ts` puts the dashboard. */
export const DASHBOARD_DIR = path.join(PROJECT_ROOT, 'web/dist');

export function builtDashboard(dir: string = DASHBOARD_DIR): string {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new WebError('web_not_built', `the dashboard is not built (no ${path.join(dir, 'index.html')}): run npm run build, or serve with --no-dashboard`);
  }
  return dir;
}
