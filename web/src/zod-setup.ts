/**
 * Imported before any schema is built. The page's CSP forbids eval; zod otherwise probes
 * `new Function` while building object schemas, and the browser reports the refused probe as a
 * console error even though zod copes without it.
 */
import { config } from 'zod';

config({ jitless: true });
