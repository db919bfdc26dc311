/**
 * Imports point inward: the core (`domain`, `game`, `model`, `protocol`) never reaches for the
 * adapters, and does no I/O of its own (no files, sockets, processes, nor the tfjs backend: `data/`
 * reads the files and loads tfjs, and hands the model what it read); the service sees adapters
 * only through its ports.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../src/data/location.ts';

const SRC = path.join(PROJECT_ROOT, 'src');
const ADAPTERS = ['feed', 'broadcast', 'store', 'replay', 'web', 'http', 'observability', 'commands', 'pull', 'archive', 'record', 'data', 'cluster', 'roles'];
const CORE = ['domain', 'game', 'model', 'protocol'];
/** Packages the core may run: computation only. Type-only imports (erased) are not counted. */
const CORE_PACKAGES = ['zod', 'node:crypto'];

/** Sources, tests aside; with `testing: false`, their `testing/` helpers too (they may read fixtures). */
function sources(dir: string, { testing = true } = {}): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'testing' && !testing ? [] : sources(path.join(dir, e.name), { testing })
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Each import of a file that is executed (not `import type`), relative or a package. */
function importsOf(file: string, withTypes = true): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)(\s+type)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)]
    .filter((m) => withTypes || m[1] === undefined)
    .map((m) => (m[2] ?? m[3]) as string);
}

/** The top-level folders of src/ that a file imports from (relative imports only). */
function importedAreas(file: string): string[] {
  const areas: string[] = [];
  for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
    const rel = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep);
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
  it('keeps domain, game, model and protocol free of adapters', () => {
    assert.deepEqual(violations('domain', [...ADAPTERS, 'service', 'main', 'game', 'model', 'protocol']), []);
    assert.deepEqual(violations('game', [...ADAPTERS, 'service', 'main']), []);
    assert.deepEqual(violations('model', [...ADAPTERS, 'service', 'main', 'game']), []);
    assert.deepEqual(violations('protocol', [...ADAPTERS, 'service', 'main', 'game', 'model']), []);
  });
  it('keeps the core free of I/O: no package it runs but computation', () => {
    const io = CORE.flatMap((area) =>
      sources(path.join(SRC, area), { testing: false }).flatMap((f) =>
        importsOf(f, false)
          .filter((spec) => !spec.startsWith('.') && !CORE_PACKAGES.includes(spec))
          .map((spec) => `${path.relative(PROJECT_ROOT, f)} runs ${spec}`),
      ),
    );
    assert.deepEqual(io, []);
  });
  it('lets the service use adapters only through ports (test fakes aside)', () => {
    // The NBA JSON schemas are data shapes, not an adapter's behaviour; the service may name their types.
    const bad = violations('service', ['broadcast', 'store', 'replay', 'web', 'http', 'observability', 'commands', 'archive', 'record', 'data', 'main'], (f) => f.includes(`${path.sep}testing${path.sep}`) || f.endsWith('.test.ts'));
    assert.deepEqual(bad, []);
    const feedImports = sources(path.join(SRC, 'service')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from\s+['"](\.\.\/feed\/[^'"]+)['"]/g)].map((m) => `${path.basename(f)} → ${m[1]}`),
    );
    assert.ok(feedImports.every((i) => i.endsWith('nba-schemas.ts')), feedImports.join(', '));
  });
});
