import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from './data/location.ts';
import { SERVICE_NODE_FLAGS } from './node-flags.ts';

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const flags = SERVICE_NODE_FLAGS.join(' ');

describe('the service’s V8 flags', () => {
  for (const script of ['start', 'courtside']) {
    it(`npm run ${script} passes them to node`, () => {
      assert.ok(pkg.scripts[script]?.startsWith(`node ${flags} `), `scripts.${script} is "${pkg.scripts[script]}"`);
    });
  }

  it('bin/courtside.js passes them to node', () => {
    const shebang = readFileSync(path.join(PROJECT_ROOT, 'bin/courtside.js'), 'utf8').split('\n')[0];
    assert.equal(shebang, `#!/usr/bin/env -S node ${flags}`);
  });

  it('give a node process a 32 MB young generation from the start', () => {
    const script = "const s = require('node:v8').getHeapSpaceStatistics().find((x) => x.space_name === 'new_space'); console.log(s.space_size)";
    const withFlags = Number(execFileSync(process.execPath, [...SERVICE_NODE_FLAGS, '-e', script], { encoding: 'utf8' }));
    const without = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.equal(withFlags, 32 * 2 ** 20);
    assert.ok(without < withFlags, `without the flags: ${without} bytes`);
  });
});
