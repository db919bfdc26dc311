import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { CloseCode } from './errors.ts';
import { GAME_A, GAME_B, gameSnapshot, patternProgress, scoreUpdate } from './testing/fixtures.ts';
import { startHarness, type Harness, type TestClient } from './testing/harness.ts';

const T = { timeout: 60_000 };
const SLOW_BYTES = 16 * 1024;
const BUDGET = 64 * 1024;
/** No game is tracked under this id. */
const UNTRACKED = '0021799999';
/** Answered with an `unknown_type` error that quotes the type: 16 kB out per message in. */
const GARBAGE = JSON.stringify({ type: 'x'.repeat(16_000) });
/** Rate limits out of the way: what is tested here is what bounds memory when they are not enough. */
const UNLIMITED = { maxMessagesPerSecond: 1_000_000, maxSubscribesPerSecond: 1_000_000 };

function socketOf(client: TestClient): { pause(): void } {
  return (client.ws as unknown as { _socket: { pause(): void } })._socket;
}

/** Sends `frame` in batches, yielding between them, until `done` holds. */
async function flood(client: TestClient, frame: string, done: () => boolean): Promise<number> {
  let sent = 0;
  while (!done()) {
    assert.ok(sent < 2_000_000, 'the flood was never stopped');
    for (let i = 0; i < 50; i += 1) client.ws.send(frame);
    sent += 50;
    await turn();
  }
  return sent;
}

/**
 * The server's side of a budget close. On loopback the kernel holds up to ~36 MB for a client that
 * does not read, so the close frame it sits behind is not read here: a reading client's close code
 * is checked with the snapshot below.
 */
function assertBudgetClosed(h: Harness): void {
  assert.equal(h.broadcaster.stats().closes.output_budget, 1);
  assert.ok(h.logs.some((line) => line.level === 'warn' && line.message === `output budget: more than ${BUDGET} bytes held for this client`));
}

describe('Broadcaster output budget', () => {
  it('closes a client that never reads the error replies to its garbage once they pass the budget (4009)', T, async (t) => {
    const h = await startHarness(t, { ...UNLIMITED, slowClientBytes: SLOW_BYTES, outputBudgetBytes: BUDGET, closeGraceMs: 30_000 });
    const hostile = await h.connect(`?game_ids=${UNTRACKED}`);
    const bystander = await h.connect();
    await Promise.all([hostile.nextOf('snapshot'), bystander.nextOf('snapshot')]);
    socketOf(hostile).pause();
    await flood(hostile, GARBAGE, () => h.broadcaster.stats().closes.output_budget > 0);
    assert.equal(h.broadcaster.clientCount, 1);
    assertBudgetClosed(h);
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    assert.equal((await bystander.readThrough(1)).length, 1);
  });

  it('closes a slow client once its backlog and send buffer together pass the budget', T, async (t) => {
    const h = await startHarness(t, { slowClientBytes: SLOW_BYTES, outputBudgetBytes: BUDGET, slowClientTimeoutMs: 60_000, closeGraceMs: 30_000 });
    const slow = await h.connect();
    const reader = await h.connect();
    await Promise.all([slow.nextOf('snapshot'), reader.nextOf('snapshot')]);
    socketOf(slow).pause();
    for (let points = 1; h.broadcaster.stats().slowClients === 0; points += 1) {
      h.broadcaster.publish(scoreUpdate(points % 2 ? GAME_A : GAME_B, points, 0));
      if (points % 50 === 0) await turn();
    }
    // Score updates replace one another in a backlog; pattern_progress messages are all kept.
    for (let minute = 1; h.broadcaster.stats().closes.output_budget === 0; minute += 1) {
      assert.ok(minute < 100_000, 'the backlog was never bounded');
      h.broadcaster.publish(patternProgress(GAME_A, Array.from({ length: 18 }, () => minute % 30)));
      if (minute % 50 === 0) await turn();
    }
    assert.equal(h.broadcaster.stats().slowClients, 0);
    const last = h.broadcaster.seq;
    assert.equal((await reader.readThrough(last)).at(-1)?.seq, last);
    assertBudgetClosed(h);
  });

  it('closes a client whose snapshot alone is larger than the budget, rather than send it', T, async (t) => {
    const games = Array.from({ length: 40 }, (_, i) => gameSnapshot(`00217${String(i).padStart(5, '0')}`));
    const h = await startHarness(t, { slowClientBytes: 1024, outputBudgetBytes: 4096 }, games);
    const client = await h.connect();
    assert.deepEqual(await client.closed, { code: CloseCode.OUTPUT_BUDGET, reason: 'output budget: more than 4096 bytes held for this client' });
    assert.deepEqual(client.messages, []);
    assert.equal(h.broadcaster.stats().closes.output_budget, 1);
  });
});
