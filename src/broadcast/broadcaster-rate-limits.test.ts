import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { CloseCode } from './errors.ts';
import { GAME_A, gameSnapshot, scoreUpdate } from './testing/fixtures.ts';
import { startHarness, until } from './testing/harness.ts';

const T = { timeout: 15_000 };
const SUBSCRIBE = { type: 'subscribe', game_ids: '*' };

describe('Broadcaster rate limits', () => {
  it('closes a client sending more messages per second than allowed with 4029, after answering those within the limit', T, async (t) => {
    const h = await startHarness(t, { maxMessagesPerSecond: 5 });
    const client = await h.connect();
    await client.nextOf('snapshot');
    for (let i = 0; i < 8; i += 1) client.send('not json');
    assert.deepEqual(await client.closed, { code: CloseCode.RATE_LIMITED, reason: 'rate limited: more than 5 messages per second' });
    // The greeting took no token: all five of the burst were answered.
    assert.equal(client.messages.filter((m) => m.type === 'error').length, 5);
    const stats = h.broadcaster.stats();
    assert.deepEqual(stats.rateLimited, { messages: 1, subscribes: 0, resumes: 0 });
    assert.equal(stats.closes.rate_limited, 1);
    assert.equal(stats.clientErrors, 5);
  });

  it('limits subscribes, each answered with a snapshot, on their own', T, async (t) => {
    const h = await startHarness(t, { maxSubscribesPerSecond: 3 }, [gameSnapshot(GAME_A)]);
    const client = await h.connect();
    await client.nextOf('snapshot');
    for (let i = 0; i < 10; i += 1) client.send(SUBSCRIBE);
    assert.deepEqual(await client.closed, { code: CloseCode.RATE_LIMITED, reason: 'rate limited: more than 3 subscribes per second' });
    assert.equal(client.messages.filter((m) => m.type === 'snapshot').length, 1 + 3);
    assert.deepEqual(h.broadcaster.stats().rateLimited, { messages: 0, subscribes: 1, resumes: 0 });
  });

  it('limits resumes on their own', T, async (t) => {
    const h = await startHarness(t, { maxResumesPerSecond: 1 });
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    const client = await h.connect();
    await client.nextOf('snapshot');
    const resume = { type: 'resume', epoch: h.broadcaster.epoch, last_seq: 1 };
    client.send(resume);
    client.send(resume);
    assert.equal((await client.closed).code, CloseCode.RATE_LIMITED);
    assert.deepEqual(h.broadcaster.stats().rateLimited, { messages: 0, subscribes: 0, resumes: 1 });
  });

  it('keeps a client that stays within its limits, bursts included', T, async (t) => {
    const h = await startHarness(t, { maxSubscribesPerSecond: 4 }, [gameSnapshot(GAME_A)]);
    const client = await h.connect();
    await client.nextOf('snapshot');
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 4; i += 1) client.send(SUBSCRIBE);
      await until(() => client.messages.length === 1 + 4 * (round + 1));
      // A second refills the bucket; a little more so the wall clock's granularity cannot matter.
      await delay(1_050);
    }
    assert.equal(client.ws.readyState, client.ws.OPEN);
    assert.equal(h.broadcaster.stats().closes.rate_limited, 0);
  });

  it('logs the first client over a limit and sums up the rest each second, however many there are', T, async (t) => {
    const h = await startHarness(t, { maxMessagesPerSecond: 1 });
    const clients = await Promise.all(Array.from({ length: 20 }, () => h.connect()));
    await Promise.all(clients.map((c) => c.nextOf('snapshot')));
    for (const client of clients) {
      client.send('x');
      client.send('x');
    }
    await Promise.all(clients.map((c) => c.closed));
    assert.equal(h.broadcaster.stats().closes.rate_limited, 20);
    const suppressed = () => h.logs.reduce((n, line) => n + Number(line.fields.suppressed ?? 0), 0);
    await until(() => suppressed() === 19);
    const lines = h.logs.filter((line) => line.fields.limit === 'messages' || line.fields.cause === 'rate_limited');
    assert.deepEqual(lines.filter((line) => line.fields.suppressed === undefined).map((line) => [line.level, line.message]), [
      ['warn', 'rate limited: more than 1 messages per second'],
    ]);
    assert.match(lines.at(-1)?.message ?? '', /^\d+ more clients closed \(rate_limited\) in the last second$/);
  });
});
