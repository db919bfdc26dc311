/**
 * The first hour of a new user: every ordinary mistake, made with the real CLI in its own process,
 * ends in one line on stderr saying what was wrong and what to do, exit status 2, no stack trace,
 * and nothing left in the temporary folder (each run gets its own TMPDIR; the entries of the
 * tests' own tsx cache are not the product's and are set aside).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CliProcess } from './support/cli-process.ts';
import { findDataDir } from './support/data.ts';

const root = mkdtempSync(path.join(tmpdir(), 'courtside-mistakes-'));
const found = findDataDir('minute_diffs.csv');
const data = found.dir ?? '/nonexistent';
const serve = ['serve', '--host', '127.0.0.1', '--no-dashboard', '--model', 'baseline', '--data', data];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the run left in its TMPDIR. */
  readonly left: readonly string[];
}

async function courtside(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const tmp = mkdtempSync(path.join(root, 'tmp-'));
  const child = new CliProcess(args, { TMPDIR: tmp, LOG_LEVEL: 'silent', ...env });
  const { code } = await child.exited;
  return { code, stdout: child.stdout, stderr: child.stderr, left: readdirSync(tmp).filter((f) => !f.startsWith('tsx-')) };
}

function assertMistake(run: Run, line: string | RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stderr.split('\n').length, 2, `one line, got:\n${run.stderr}`);
  if (typeof line === 'string') assert.equal(run.stderr, `${line}\n`);
  else assert.match(run.stderr, line);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
  assert.deepEqual(run.left, []);
}

describe('a user mistake is one line, exit 2, nothing left behind', { skip: found.reason }, () => {
  const held = createServer();
  let port = 0;
  before(async () => {
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    port = (held.address() as { port: number }).port;
  });
  after(() => held.close());

  it('a port already in use', async () => {
    assertMistake(await courtside([...serve, '--port', String(port)]), `courtside serve: port ${port} on 127.0.0.1 is in use: stop what holds it, or pick another with --port (0: any free port)`);
  });
  it('a valid date with no games, pointing at replay --list', async () => {
    assertMistake(await courtside([...serve, '--port', '0', '--date', '2017-07-04']), 'courtside serve: no games on 2017-07-04 in minute_diffs.csv: courtside replay --list shows the nights there are');
  });
  it('a data folder that is not there, or holds no dataset', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    for (const dir of ['/nonexistent', empty]) {
      const run = await courtside(['serve', '--port', '0', '--no-dashboard', '--data', dir]);
      assertMistake(run, `courtside serve: no dataset at ${dir}/minute_diffs.csv: point --data (or NBA_DATA_DIR) at a folder holding minute_diffs.csv, e.g. ../shared/nba`);
    }
  });
  it('a model folder that is not there, instead of the baseline served in silence', async () => {
    const run = await courtside([...serve.slice(0, -4), '--data', data, '--port', '0', '--model', '/nonexistent/model']);
    assertMistake(run, 'courtside serve: --model /nonexistent/model holds no trained model (no metadata.json): pass a folder written by courtside train, or --model baseline');
  });
  it('a bad option value, or one from the environment', async () => {
    assertMistake(await courtside([...serve, '--port', 'eighty']), 'courtside serve: --port must be an integer 0..65535, got eighty');
    assertMistake(await courtside([...serve], { COURTSIDE_ALLOWED_ORIGINS: 'https://ok.example,courtside.example' }), 'courtside serve: COURTSIDE_ALLOWED_ORIGINS must be an origin such as https://courtside.example, got courtside.example');
  });
  it('an option the command does not have, pointing at its own help', async () => {
    assertMistake(await courtside(['replay', '--bogus']), "courtside replay: unknown option '--bogus' (courtside replay --help lists its options)");
  });
  it('watch given what is not a stream, a game id, or a token', async () => {
    assertMistake(await courtside(['watch', 'nope://x']), /^courtside watch: URL: "nope:\/\/x" is not a WebSocket URL; give the stream as ws:\/\/host:port/);
    assertMistake(await courtside(['watch', '--game', '12']), /^courtside watch: --game: games: "12" is not a game id/);
    assertMistake(await courtside(['watch'], { COURTSIDE_TOKEN: 'two words' }), 'courtside watch: COURTSIDE_TOKEN must be a non-empty string without whitespace');
  });
  it('train without --out, which would overwrite the committed model', async () => {
    const dir = path.join(root, 'games');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'minute_diffs.csv'), '');
    assertMistake(await courtside(['train', '--data', dir]), 'courtside train: --out is needed not to overwrite the committed model in models/halftime: pass --out DIR for a new folder, or --force to replace it');
  });
});

it('--version prints the version from package.json', async () => {
  const run = await courtside(['--version']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^\d+\.\d+\.\d+\n$/);
});
