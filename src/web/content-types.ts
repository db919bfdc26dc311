import path from 'node:path';

/** Everything a Vite build of the dashboard can emit; anything else is served as opaque bytes. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A year: Vite puts a content hash in every name under `assets/`, so a changed file is a new URL. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Unhashed files (index.html, favicon) must be revalidated so a rebuild shows up at once. */
export const REVALIDATE = 'no-cache';

export function cacheControlOf(segments: readonly string[]): string {
  return segments.length > 1 && segments[0] === 'assets' ? IMMUTABLE : REVALIDATE;
}
