import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PollLoop } from './poll-loop.ts';
import type { CycleOutcome, ScheduledPoll, Timer } from './poll-loop.ts';

/** A timer that fires only when the test says so, so no test depends on the clock. */
class ManualTimer implements Timer {
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  #next = 0;
  setTimeout(callback: () => void, ms: number): unknown {
    this.pending.set(++this.#next, { callback, ms });
    return this.#next;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires the one pending timer and returns its delay. */
  fire(): number {
    assert.equal(this.pending.size, 1, 'exactly one poll scheduled');
    const [handle, entry] = [...this.pending][0]!;
    this.pending.delete(handle);
    entry.callback();
    return entry.ms;
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const LIVE: CycleOutcome = { live: 2, halftime: 0, scoreboardOk: true };
const flush = () => new Promise<void>((r) => setImmediate(r));

function loop(cycle: (signal: AbortSignal) => Promise<CycleOutcome>, extra: Partial<ConstructorParameters<typeof PollLoop>[0]> = {}) {
  const timer = new ManualTimer();
  const scheduled: ScheduledPoll[] = [];
  const errors: unknown[] = [];
  const poller = new PollLoop({
    cycle,
    timer,
    random: () => 0.5,
    now: () => 0,
    onScheduled: (s) => scheduled.push(s),
    onError: (e) => errors.push(e),
    ...extra,
  });
  return { poller, timer, scheduled, errors };
}

test('start runs a cycle at once, then waits the cadence, scaled to real time', async () => {
  const outcomes: CycleOutcome[] = [LIVE, { live: 1, halftime: 1, scoreboardOk: true }, { live: 0, halftime: 0, scoreboardOk: true }, LIVE];
  let calls = 0;
  const { poller, timer, scheduled } = loop(async () => outcomes[calls++] ?? LIVE, { timeScale: 1 / 1000 });
  poller.start();
  await flush();
  assert.equal(calls, 1);
  for (let i = 0; i < 3; i++) {
    timer.fire();
    await flush();
  }
  assert.equal(calls, 4);
  assert.deepEqual(scheduled.slice(0, 3).map((s) => [s.feedSeconds, s.delayMs]), [[10, 10], [30, 30], [60, 60]]);
  await poller.stop();
  assert.equal(timer.pending.size, 0);
});

test('at replay speed the wait has a floor of a few ms', async () => {
  const { poller, scheduled } = loop(async () => LIVE, { timeScale: 1 / 2000, minDelayMs: 5 });
  poller.start();
  await flush();
  assert.equal(scheduled[0]?.delayMs, 5);
  await poller.stop();
});

test('the cycle\'s own duration comes off the wait', async () => {
  let clock = 0;
  const { poller, scheduled } = loop(async () => {
    clock += 4000;
    return LIVE;
  }, { now: () => clock });
  poller.start();
  await flush();
  assert.equal(scheduled[0]?.delayMs, 6000);
  await poller.stop();
});

test('cycles never overlap: pollNow during a cycle runs one more after it, coalesced', async () => {
  let running = 0;
  let most = 0;
  let calls = 0;
  const gates = [deferred(), deferred()];
  const { poller, timer } = loop(async () => {
    running++;
    most = Math.max(most, running);
    await gates[calls++]?.promise;
    running--;
    return LIVE;
  });
  poller.start();
  await flush();
  assert.equal(calls, 1);
  const a = poller.pollNow();
  const b = poller.pollNow();
  assert.equal(a, b);
  await flush();
  assert.equal(calls, 1, 'the second cycle waits for the first');
  gates[0]?.resolve();
  await flush();
  assert.equal(calls, 2);
  assert.equal(timer.pending.size, 0, 'no timer while a cycle is queued or running');
  gates[1]?.resolve();
  await a;
  assert.equal(most, 1);
  assert.equal(timer.pending.size, 1);
  await poller.stop();
});

test('pollNow cancels the pending wait and polls at once', async () => {
  let calls = 0;
  const { poller, timer } = loop(async () => (calls++, LIVE));
  poller.start();
  await flush();
  await poller.pollNow();
  assert.equal(calls, 2);
  assert.equal(timer.pending.size, 1);
  await poller.stop();
  await assert.rejects(poller.pollNow(), { code: 'not_started' });
});

test('stop awaits the running cycle, aborts its signal, and leaves nothing scheduled', async () => {
  const gate = deferred();
  let seen: AbortSignal | undefined;
  let finished = false;
  const { poller, timer } = loop(async (signal) => {
    seen = signal;
    await gate.promise;
    finished = true;
    return LIVE;
  });
  poller.start();
  await flush();
  let stopped = false;
  const stopping = poller.stop().then(() => (stopped = true));
  await flush();
  assert.equal(seen?.aborted, true);
  assert.equal(stopped, false, 'stop waits for the cycle');
  gate.resolve();
  await stopping;
  assert.equal(finished, true);
  assert.equal(timer.pending.size, 0);
  assert.equal(poller.started, false);
});

test('a throwing cycle is reported, backs off, and the loop goes on', async () => {
  const boom = new Error('scoreboard exploded');
  let calls = 0;
  const { poller, timer, scheduled, errors } = loop(async () => {
    calls++;
    if (calls <= 2) throw boom;
    return LIVE;
  });
  poller.start();
  await flush();
  timer.fire();
  await flush();
  timer.fire();
  await flush();
  assert.equal(calls, 3);
  assert.deepEqual(errors, [boom, boom]);
  assert.deepEqual(scheduled.map((s) => [s.view.consecutiveErrors, s.feedSeconds]), [[1, 20], [2, 40], [0, 10]]);
  await poller.stop();
});

test('a failed scoreboard (no throw) backs off too; a throwing error hook does not stop the loop', async () => {
  let calls = 0;
  const { poller, timer, scheduled } = loop(async () => {
    calls++;
    if (calls === 1) throw new Error('first');
    return { live: 1, halftime: 0, scoreboardOk: false };
  }, { onError: () => { throw new Error('logger down'); } });
  poller.start();
  await flush();
  timer.fire();
  await flush();
  assert.deepEqual(scheduled.map((s) => s.view.consecutiveErrors), [1, 2]);
  await poller.stop();
});

test('start twice is refused; a stopped loop can start again', async () => {
  let calls = 0;
  const { poller } = loop(async () => (calls++, LIVE));
  poller.start();
  assert.throws(() => poller.start(), { code: 'already_started', message: 'PollLoop: already started' });
  await flush();
  await poller.stop();
  poller.start();
  await flush();
  assert.equal(calls, 2);
  await poller.stop();
});

test('runs fast on real timers at replay speed', async () => {
  let calls = 0;
  const done = deferred();
  const poller = new PollLoop({
    cycle: async () => {
      if (++calls === 5) done.resolve();
      return LIVE;
    },
    timeScale: 1 / 2000,
    minDelayMs: 1,
  });
  poller.start();
  await done.promise;
  await poller.stop();
  assert.ok(poller.cycles >= 5);
});

test('bad options are refused with exact messages', () => {
  const cycle = async () => LIVE;
  assert.throws(() => new PollLoop({} as never), { code: 'invalid_option', message: 'PollLoop: cycle must be a function returning a promise' });
  assert.throws(() => new PollLoop({ cycle, timeScale: 0 }), { message: 'PollLoop: timeScale must be a positive number (real ms per feed ms), got 0' });
  assert.throws(() => new PollLoop({ cycle, minDelayMs: -1 }), { message: 'PollLoop: minDelayMs must be a number >= 0, got -1' });
  assert.throws(() => new PollLoop({ cycle, cadence: { liveSeconds: -10 } }), { message: 'cadence: liveSeconds must be a positive number of seconds, got -10' });
});
