/**
 * Writes docs/protocol.md from src/protocol (never written by hand).
 * Run: npm run docs:protocol   (a test fails when the committed file is stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/data/location.ts';
import { renderProtocolDoc } from '../src/protocol/doc.ts';

const doc = renderProtocolDoc();
const target = path.join(PROJECT_ROOT, 'docs/protocol.md');
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== doc) {
    console.error('docs/protocol.md is stale: run npm run docs:protocol');
    process.exit(1);
  }
} else {
  writeFileSync(target, doc);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
