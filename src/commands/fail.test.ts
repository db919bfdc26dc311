/**
 * Every command refuses a wrong option the same way: one line naming it and what is wrong, no
 * help text, exit status 2. Run in process through commander (no child process needed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { registerCommands } from './index.ts';

async function run(args: string[], env: Record<string, string> = {}): Promise<{ exitCode: number; code: string; stderr: string }> {
  const stderr: string[] = [];
  const program = new Command('courtside').exitOverride().showHelpAfterError().configureOutput({ writeErr: (s) => stderr.push(s), writeOut: () => {} });
  registerCommands(program);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    const { exitCode, code } = error as { exitCode: number; code: string };
    return { exitCode, code, stderr: stderr.join('') };
  } finally {
    process.env = saved;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

describe('a wrong option, whatever the command', () => {
  for (const [args, line] of [
    [['serve', '--port', '99999'], 'courtside serve: --port must be an integer 0..65535, got 99999'],
    [['serve', '--source', 'tv', '--coverage', '2'], 'courtside serve: --source must be one of replay|nba, got tv; --coverage must be in (0.5, 1), got 2'],
    [['replay', '--speed', 'fast'], 'courtside replay: --speed must be a positive number, got fast'],
    [['train', '--until', '2018'], 'courtside train: --until must be a season like 2017-18, got 2018'],
    [['evaluate', '--coverage', '1', '--test', '2017-18'], 'courtside evaluate: --coverage must be in (0, 1), got 1'],
    [['evaluate', '--data', '/tmp', '--test', '2017-18', '--games', 'x.csv'], 'courtside evaluate: use either --test SEASON, or --model DIR with --games FILE'],
    [['data', 'pull', '--concurrency', '8', '--season', '2024-25'], 'courtside data pull: --concurrency must be an integer 1..4, got 8'],
    [['data', 'pull'], 'courtside data pull: --season is required'],
  ] as const) {
    it(`${args.join(' ')}: one line, exit 2`, async () => {
      assert.deepEqual(await run([...args]), { exitCode: 2, code: 'invalid_config', stderr: `${line}\n` });
    });
  }
  it('names the environment variable when the value came from there', async () => {
    assert.deepEqual(await run(['serve'], { COURTSIDE_PORT: 'eighty' }), { exitCode: 2, code: 'invalid_config', stderr: 'courtside serve: COURTSIDE_PORT must be an integer 0..65535, got eighty\n' });
  });
});
