import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ensureDashboardBuilt } from './build.ts';
import { BUNDLE_BUDGET_GZIP_BYTES, measureBundle } from './bundle-size.ts';

describe('ensureDashboardBuilt', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'courtside-build-'));
  const outDir = path.join(base, 'dist');
  after(() => rmSync(base, { recursive: true, force: true }));

  const lines: Array<{ level: string; obj: object; msg: string }> = [];
  const logger = {
    info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }),
  };

  test('builds web/ with Vite, reports the gzipped size, and stays within the budget', async (t) => {
    const dist = await ensureDashboardBuilt({ force: true, outDir, logger });
    assert.equal(dist, outDir);
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    assert.equal(scripts.length, 1, 'one entry script');
    assert.ok(existsSync(path.join(dist, scripts[0] ?? '')), 'the entry script exists');
    // No build leftovers beside the output.
    assert.deepEqual(readdirSync(base), ['dist']);

    const size = await measureBundle(dist);
    assert.ok(size.gzipBytes <= BUNDLE_BUDGET_GZIP_BYTES, `bundle ${size.gzipBytes} B gzipped`);
    assert.ok(size.files.some((f) => f.file.endsWith('.css')));
    const report = lines.find((l) => l.level === 'info');
    assert.ok(report, 'the build logs its size');
    assert.match(report.msg, /^dashboard built: \d+\.\d kB gzipped \(budget 150\.0 kB\)$/);
    assert.equal((report.obj as { gzipBytes: number }).gzipBytes, size.gzipBytes);
    t.diagnostic(`dashboard bundle: ${size.gzipBytes} bytes gzipped (${size.bytes} raw), budget ${BUNDLE_BUDGET_GZIP_BYTES}`);
  });

  test('does not rebuild what is there unless forced', async () => {
    const before = statSync(path.join(outDir, 'index.html')).mtimeMs;
    const logged = lines.length;
    assert.equal(await ensureDashboardBuilt({ outDir, logger }), outDir);
    assert.equal(statSync(path.join(outDir, 'index.html')).mtimeMs, before);
    assert.equal(lines.length, logged);
  });

  test('rebuilds a dist older than its sources (a checkout that moved on)', async () => {
    const index = path.join(outDir, 'index.html');
    utimesSync(index, 0, 0);
    const logged = lines.length;
    assert.equal(await ensureDashboardBuilt({ outDir, logger }), outDir);
    assert.ok(statSync(index).mtimeMs > 0, 'built again');
    assert.ok(lines.slice(logged).some((l) => l.msg.startsWith('dashboard built')), 'and said so');
    assert.deepEqual(readdirSync(base).filter((f) => f !== 'dist'), [], 'nothing left beside it');
  });

  test('a dist left without its index.html is rebuilt, and two builds at once both succeed', async () => {
    const debris = path.join(base, 'debris');
    mkdirSync(path.join(debris, 'assets'), { recursive: true });
    writeFileSync(path.join(debris, 'assets', 'stale.js'), '');
    const [a, b] = await Promise.all([ensureDashboardBuilt({ outDir: debris, logger }), ensureDashboardBuilt({ outDir: debris, logger })]);
    assert.equal(a, debris);
    assert.equal(b, debris);
    assert.ok(existsSync(path.join(debris, 'index.html')));
    assert.ok(!existsSync(path.join(debris, 'assets', 'stale.js')));
    assert.deepEqual(readdirSync(base).filter((f) => f.includes('.building-')), []);
  });

  test('a folder without a Vite config is a clear error', async () => {
    const empty = path.join(base, 'no-web');
    await assert.rejects(ensureDashboardBuilt({ webDir: empty, logger }), {
      code: 'web_build',
      message: `dashboard build: ${path.join(empty, 'vite.config.ts')} not found`,
    });
  });
});
