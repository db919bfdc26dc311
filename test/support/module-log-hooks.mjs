// The loader hooks of module-log.mjs (they run on Node's loader thread).
import { appendFileSync } from 'node:fs';

let log = { file: '', main: '' };

export function initialize(data) {
  log = data;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log.file, `${log.main}\t${resolved.url}\n`);
  return resolved;
}
