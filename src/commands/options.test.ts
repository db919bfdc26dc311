import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { z } from 'zod';
import { oneOf, port } from '../config/fields.ts';
import { configOption, flagsOf } from './options.ts';

const Schema = z.object({
  port: port().default(8765).meta({ env: 'TEST_PORT' }),
  dataDirs: z.array(z.string()).optional().meta({ flag: '--data' }),
  level: oneOf(['low', 'high']).default('low'),
  dashboard: z.boolean().default(true),
  exitWhenDone: z.boolean().default(false),
});

function parsed(args: string[]): Record<string, unknown> {
  const cmd = new Command('x').exitOverride();
  for (const key of Object.keys(Schema.shape)) cmd.addOption(configOption(Schema, key, key));
  cmd.parse(args, { from: 'user' });
  return flagsOf(Schema, cmd.opts());
}

describe('configOption', () => {
  it('names the flag, the default, the choices and the variable in the help, from the schema', () => {
    assert.equal(configOption(Schema, 'port', 'HTTP port').flags, '--port <port>');
    assert.equal(configOption(Schema, 'port', 'HTTP port').description, 'HTTP port (default: 8765; env TEST_PORT)');
    assert.equal(configOption(Schema, 'level', 'how loud', '<level>').description, 'how loud (one of low|high; default: low)');
    assert.equal(configOption(Schema, 'dataDirs', 'folders', '<dir>').flags, '--data <dir>');
    assert.equal(configOption(Schema, 'dashboard', 'stream only').flags, '--no-dashboard');
    assert.equal(configOption(Schema, 'exitWhenDone', 'exit').flags, '--exit-when-done');
    assert.throws(() => configOption(Schema, 'nope', ''), /no option nope/);
  });
  it('leaves every default to the schema: an unset flag is undefined, so the environment can apply', () => {
    assert.deepEqual(parsed([]), { port: undefined, dataDirs: undefined, level: undefined, dashboard: true, exitWhenDone: undefined });
  });
  it('reads repeated flags of a list, negations and values into the schema keys', () => {
    assert.deepEqual(parsed(['--data', 'a', '--data', 'b', '--no-dashboard', '--exit-when-done', '--port', '1', '--level', 'nope']), {
      port: '1',
      dataDirs: ['a', 'b'],
      level: 'nope',
      dashboard: false,
      exitWhenDone: true,
    });
  });
});
