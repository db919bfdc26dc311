/**
 * The protocol core knows its connections only as `StreamSocket`s: no file of it imports `ws`,
 * node's networking or the adapters in `use/`. Only the composition (`stream-server.ts`,
 * `broadcaster.ts`, and `options.ts`, which validates core and transport options at once) and
 * the public surface (`index.ts`) put the two together.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const HERE = import.meta.dirname;
const COMPOSITION = new Set(['stream-server.ts', 'broadcaster.ts', 'options.ts', 'index.ts']);
const TRANSPORT = /^(?:ws|node:(?:http|https|net|stream|tls)|\.\/use\/.*)$/;

function imports(file: string): string[] {
  const text = readFileSync(path.join(HERE, file), 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2]) as string);
}

describe('the broadcast core’s boundary', () => {
  it('keeps every core file free of ws, networking and the adapters', () => {
    const core = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !COMPOSITION.has(f));
    assert.ok(core.includes('core.ts') && core.includes('socket.ts'), `core files found: ${core.join(', ')}`);
    const crossings = core.flatMap((file) => imports(file).filter((target) => TRANSPORT.test(target)).map((target) => `${file} imports ${target}`));
    assert.deepEqual(crossings, []);
  });
});
