import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { BroadcastError } from './errors.ts';
import type { BroadcastLogger } from './logger.ts';
import { resolveOptions, type BroadcasterOptions, type DurableMessageLog } from './options.ts';

const snapshot = () => [];

function rejects(options: Partial<BroadcasterOptions> | unknown, message: string): void {
  assert.throws(
    () => resolveOptions({ snapshot, ...(options as object) } as BroadcasterOptions),
    (error: unknown) => error instanceof BroadcastError && error.code === 'invalid_option' && error.message === message,
  );
}

function logWithHead(head: { epoch: string; seq: number } | null): DurableMessageLog {
  return { appendMessage() {}, messagesSince: () => null, messageLogHead: () => head };
}

describe('resolveOptions', () => {
  it('fills documented defaults and a random epoch', () => {
    const o = resolveOptions({ snapshot });
    assert.equal(o.path, '/');
    assert.equal(o.heartbeatIntervalMs, 30_000);
    assert.equal(o.maxPayloadBytes, 65_536);
    assert.equal(o.hardMaxPayloadBytes, 4 * 65_536);
    assert.equal(o.historySize, 10_000);
    assert.equal(o.slowClientBytes, 1_048_576);
    assert.equal(o.slowClientTimeoutMs, 30_000);
    assert.equal(o.closeGraceMs, 5_000);
    assert.equal(o.outputBudgetBytes, 4 * 1_048_576);
    assert.equal(o.maxConnections, 1_500);
    assert.equal(o.maxConnectionsPerAddress, 100);
    assert.deepEqual(o.rateLimits, { messages: 50, subscribes: 10, resumes: 2 });
    assert.equal(o.resumeWindow, 10_000);
    assert.equal(o.resumePageSize, 100);
    assert.equal(o.validateOutgoing, false);
    assert.equal(o.allowedOrigins, undefined);
    assert.equal(o.token, undefined);
    assert.equal(o.lastSeq, 0);
    assert.match(o.epoch, /^[0-9a-f-]{36}$/);
    assert.notEqual(resolveOptions({ snapshot }).epoch, o.epoch);
  });

  it('accepts a server, origins and a token', () => {
    const server = createServer();
    const o = resolveOptions({ snapshot, server, allowedOrigins: ['https://courtside.example', 'http://localhost:5173'], token: 's3cret' });
    assert.equal(o.server, server);
    assert.deepEqual([...(o.allowedOrigins ?? [])], ['https://courtside.example', 'http://localhost:5173']);
    assert.equal(o.token, 's3cret');
  });

  it('names the option, the range and the value of a bad number', () => {
    rejects({ heartbeatIntervalMs: 5 }, 'heartbeatIntervalMs must be an integer from 10 to 3600000 (got 5)');
    rejects({ maxPayloadBytes: 1.5 }, 'maxPayloadBytes must be an integer from 256 to 16777216 (got 1.5)');
    rejects({ historySize: -1 }, 'historySize must be an integer from 0 to 10000000 (got -1)');
    rejects({ slowClientBytes: '1mb' }, 'slowClientBytes must be an integer from 1024 to 1073741824 (got "1mb")');
    rejects({ slowClientTimeoutMs: Number.NaN }, 'slowClientTimeoutMs must be an integer from 10 to 3600000 (got NaN)');
    rejects({ closeGraceMs: 0 }, 'closeGraceMs must be an integer from 10 to 600000 (got 0)');
    rejects({ maxConnections: 0 }, 'maxConnections must be an integer from 1 to 1000000 (got 0)');
    rejects({ maxConnectionsPerAddress: 0 }, 'maxConnectionsPerAddress must be an integer from 1 to 1000000 (got 0)');
    rejects({ maxMessagesPerSecond: 0 }, 'maxMessagesPerSecond must be an integer from 1 to 1000000 (got 0)');
    rejects({ maxSubscribesPerSecond: 2.5 }, 'maxSubscribesPerSecond must be an integer from 1 to 1000000 (got 2.5)');
    rejects({ maxResumesPerSecond: -1 }, 'maxResumesPerSecond must be an integer from 1 to 1000000 (got -1)');
    rejects({ resumeWindow: -1 }, 'resumeWindow must be an integer from 0 to 10000000 (got -1)');
    rejects({ resumePageSize: 0 }, 'resumePageSize must be an integer from 1 to 10000 (got 0)');
    rejects({ outputBudgetBytes: 1024 }, 'outputBudgetBytes must be an integer from 2048 to 4294967296 (got 1024)');
  });

  it('keeps the output budget above the slow-client threshold, and scales its default with it', () => {
    rejects({ slowClientBytes: 64 * 1024, outputBudgetBytes: 64 * 1024 }, 'outputBudgetBytes must be larger than slowClientBytes (65536) (got 65536)');
    assert.equal(resolveOptions({ snapshot, slowClientBytes: 16 * 1024 }).outputBudgetBytes, 64 * 1024);
    assert.equal(resolveOptions({ snapshot, slowClientBytes: 1024 ** 3 }).outputBudgetBytes, 4 * 1024 ** 3);
    assert.deepEqual(resolveOptions({ snapshot, maxMessagesPerSecond: 7, maxSubscribesPerSecond: 3, maxResumesPerSecond: 1 }).rateLimits, { messages: 7, subscribes: 3, resumes: 1 });
  });

  it('rejects a missing snapshot provider, a bad path, a non-server and a non-boolean flag', () => {
    rejects({ snapshot: undefined }, 'snapshot must be a function returning the tracked games');
    rejects({ path: 'ws' }, 'path must start with "/" (got "ws")');
    rejects({ server: {} }, 'server must be an http.Server');
    rejects({ validateOutgoing: 'yes' }, 'validateOutgoing must be a boolean (got "yes")');
  });

  it('takes a hold as a function, none by default', () => {
    const hold = () => undefined;
    assert.equal(resolveOptions({ snapshot }).hold, undefined);
    assert.equal(resolveOptions({ snapshot, hold }).hold, hold);
    rejects({ hold: true }, 'hold must be a function of the games to ready (got true)');
  });

  it('rejects origins that are not bare origins, and an empty allow-list', () => {
    rejects({ allowedOrigins: [] }, 'allowedOrigins must not be empty; omit it to allow every origin');
    rejects({ allowedOrigins: ['https://ok.example', 'https://ok.example/path'] }, 'allowedOrigins[1] must be an origin such as "https://courtside.example" (got "https://ok.example/path")');
    rejects({ allowedOrigins: ['localhost'] }, 'allowedOrigins[0] must be an origin such as "https://courtside.example" (got "localhost")');
    rejects({ allowedOrigins: 'https://ok.example' }, 'allowedOrigins must be an array of origins (got "https://ok.example")');
  });

  it('rejects an empty or spaced token, a bad epoch and an incomplete logger or log', () => {
    rejects({ token: '' }, 'token must be a non-empty string without whitespace');
    rejects({ token: 'a b' }, 'token must be a non-empty string without whitespace');
    rejects({ epoch: '' }, 'epoch must be a string of 1 to 128 characters (got "")');
    rejects({ logger: { info() {}, warn() {}, error() {} } }, 'logger must have a debug(fields, message) method');
    rejects({ log: { appendMessage() {}, messagesSince() {} } }, 'log must have a messageLogHead method');
  });

  it('takes a pino logger, or a child of one, as it is', () => {
    const root = pino({ level: 'silent' });
    const logger: BroadcastLogger = root.child({ component: 'broadcast' });
    assert.equal(resolveOptions({ snapshot, logger }).logger, logger);
  });

  it('continues the epoch and the numbering of a durable log', () => {
    const o = resolveOptions({ snapshot, log: logWithHead({ epoch: 'night-1', seq: 812 }) });
    assert.equal(o.epoch, 'night-1');
    assert.equal(o.lastSeq, 812);
  });

  it('starts from 0 under a new epoch, whether chosen or because the log is empty', () => {
    const chosen = resolveOptions({ snapshot, epoch: 'night-2', log: logWithHead({ epoch: 'night-1', seq: 812 }) });
    assert.equal(chosen.epoch, 'night-2');
    assert.equal(chosen.lastSeq, 0);
    const empty = resolveOptions({ snapshot, log: logWithHead(null) });
    assert.equal(empty.lastSeq, 0);
    assert.match(empty.epoch, /^[0-9a-f-]{36}$/);
  });
});
