#!/usr/bin/env -S node --min-semi-space-size=32 --max-semi-space-size=32
// `npx courtside …`: the compiled command line (`npm run build` writes dist/; `npm start` runs it first).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('courtside: not built yet: run npm run build (or npm start) in the checkout first\n');
  process.exit(1);
}
await import(cli.href);
