// `npm run test:unit`, the fast tier: every test beside the code (src/, web/src,
// packages/client/src; test/ holds the acceptance, attack and recovery suites) whose source starts
// nothing, reads no dataset, needs no browser and runs no compiler, bundler or network training
// (each of those takes half a minute alone here). The rule is read off the source, then held at
// run time: a misfiled test that listens, connects, fetches or spawns fails at once, naming what
// it did. All run in this one process: starting tsx once per file would cost more than the tests.
import childProcess from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOTS = ['src', 'web/src', 'packages/client/src'];
const STARTS_SOMETHING = /\bstart[A-Z]\w*\(|\blisten\(|createServer|new WebSocket\b|\bspawn|execFile|\bfork\(|fetch\(|chromium|CliProcess|useNats\(|startNats|requireDataDir|NBA_DATA_DIR|new Worker\b/;
const HEAVY = /from 'typescript'|ensureDashboardBuilt|trainLstm\(/;

export function unitTestFiles() {
  return ROOTS.flatMap((root) => readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name)))
    .filter((file) => {
      const source = readFileSync(file, 'utf8');
      return !STARTS_SOMETHING.test(source) && !HEAVY.test(source);
    })
    .sort();
}

const refuse = (what) => () => {
  throw new Error(`${what}: not in the unit tier (npm run test:unit); this test belongs to npm test only`);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = unitTestFiles();
  net.Server.prototype.listen = refuse('listening on a socket');
  net.Socket.prototype.connect = refuse('opening a network connection');
  for (const name of ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync']) childProcess[name] = refuse(`child_process.${name}`);
  globalThis.fetch = refuse('fetch');
  syncBuiltinESMExports();
  for (const file of files) await import(pathToFileURL(path.resolve(file)).href);
}
