/**
 * Imports point inward: the pure core (`game`, `model`, `protocol`) never reaches for the
 * adapters, and the service sees adapters only through its ports.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../src/data/location.ts';

const SRC = path.join(PROJECT_ROOT, 'src');
const ADAPTERS = ['feed', 'broadcast', 'store', 'replay', 'web', 'http', 'observability', 'commands', 'pull', 'archive', 'record', 'cluster', 'roles'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The top-level folders of src/ that a file imports from (relative imports only). */
function importedAreas(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const areas: string[] = [];
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const target = path.resolve(path.dirname(file), (m[1] ?? m[2]) as string);
    const rel = path.relative(SRC, target).split(path.sep);
    if (rel[0] && rel[0] !== '..') areas.push(rel.length > 1 ? rel[0] : rel[0].replace(/\.ts$/, ''));
  }
  return areas;
}

function violations(area: string, forbidden: readonly string[], except: (file: string) => boolean = () => false): string[] {
  return sources(path.join(SRC, area))
    .filter((f) => !except(f))
    .flatMap((f) => importedAreas(f).filter((a) => forbidden.includes(a)).map((a) => `${path.relative(PROJECT_ROOT, f)} imports ${a}/`));
}

describe('architecture', () => {
  it('keeps game, model and protocol free of adapters', () => {
    assert.deepEqual(violations('game', [...ADAPTERS, 'service', 'main']), []);
    assert.deepEqual(violations('model', [...ADAPTERS, 'service', 'main', 'game']), []);
    assert.deepEqual(violations('protocol', [...ADAPTERS, 'service', 'main', 'game', 'model']), []);
  });
  it('lets the service use adapters only through ports (test fakes aside)', () => {
    // The NBA JSON schemas are data shapes, not an adapter's behaviour; the service may name their types.
    const bad = violations('service', ['broadcast', 'store', 'replay', 'web', 'http', 'observability', 'commands', 'archive', 'record', 'main'], (f) => f.includes(`${path.sep}testing${path.sep}`) || f.endsWith('.test.ts'));
    assert.deepEqual(bad, []);
    const feedImports = sources(path.join(SRC, 'service')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from\s+['"](\.\.\/feed\/[^'"]+)['"]/g)].map((m) => `${path.basename(f)} → ${m[1]}`),
    );
    assert.ok(feedImports.every((i) => i.endsWith('nba-schemas.ts')), feedImports.join(', '));
  });
});
