/**
 * The compile-time check, run by the test suite too (CI runs `npm test`): the client's wire types
 * agree with the server's schemas today, and the check fails for each way they could drift apart.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import ts from 'typescript';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG = path.join(HERE, '../../tsconfig.json');

/** How the server's schemas could change without the client following: the changed schema, as it would be written, and the client type it must no longer match. */
const DRIFTS: Record<string, readonly [schema: string, clientType: string]> = {
  'an optional field added (halftime_result.note)': ['server.HalftimeResult.extend({ note: z.string().optional() })', 'wire.HalftimeResult'],
  'a required field added (score_update.data.possession)': ['server.ScoreUpdate.extend({ data: server.ScoreUpdateData.extend({ possession: z.string() }) })', 'wire.ScoreUpdate'],
  'a status added (Suspended)': ["server.ScoreUpdate.extend({ data: server.ScoreUpdateData.extend({ status: z.enum([...server.GAME_STATUSES, 'Suspended']) }) })", 'wire.ScoreUpdate'],
  'a field made optional (ml_prediction.model_version)': ['server.MlPrediction.extend({ model_version: z.string().optional() })', 'wire.MlPrediction'],
  'a field removed (pattern_progress.approximate)': ['server.PatternProgress.omit({ approximate: true })', 'wire.PatternProgress'],
  'a message type added (lineup_update)': ["z.discriminatedUnion('type', [...server.ServerMessage.options, z.object({ type: z.literal('lineup_update'), seq: z.number() })])", 'wire.ServerMessage'],
};

function driftFile(name: string): string {
  return [
    "import { z } from 'zod';",
    "import * as server from '../../../../src/protocol/messages.ts';",
    "import type * as wire from '../wire.ts';",
    "import type { Same } from './same.ts';",
    `const drifted = ${DRIFTS[name]?.[0]};`,
    `export const check: Same<${DRIFTS[name]?.[1]}, z.output<typeof drifted>> = true;`,
  ].join('\n');
}

describe('wire types against the server\'s zod schemas', () => {
  it('agree today, and the check fails for every kind of drift', { timeout: 120_000 }, () => {
    const config = ts.getParsedCommandLineOfConfigFile(CONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) });
    assert.ok(config);
    const check = path.join(HERE, 'wire-check.ts');
    const drifts = Object.keys(DRIFTS).map((name, i) => ({ name, file: path.join(HERE, `drift-${i}.ts`), text: driftFile(name) }));
    // Neither DOM nor Node types are needed here; leaving them out makes the program much cheaper.
    const options = { ...config.options, types: [], lib: ['lib.es2022.d.ts'] };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => drifts.find((d) => d.file === path.resolve(file))?.text ?? readFile(file);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => drifts.some((d) => d.file === path.resolve(file)) || fileExists(file);
    const program = ts.createProgram({ rootNames: [check, ...drifts.map((d) => d.file)], options, host });
    const errorsIn = (file: string) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

    assert.deepEqual(errorsIn(check), [], 'wire.ts and src/protocol/messages.ts describe the same messages (update wire.ts and shape.ts)');
    for (const drift of drifts) {
      assert.deepEqual(errorsIn(drift.file), ["Type 'true' is not assignable to type 'false'."], `${drift.name}: caught`);
    }
  });
});
