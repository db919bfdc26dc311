/**
 * Issue 20's acceptance, on loopback: a 3-node NATS cluster, 2 pollers and 3 edges (each its own
 * `courtside serve` process) behind a round-robin balancer, 300 SDK clients, and a replayed night
 * at speed. During the night the leading poller is killed (-9) while several games are before
 * 18:00, then again later; an edge is killed (-9); and the node leading the stream is killed and
 * started again. The night is then read back from the stream and from every client.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { CourtsideClient } from '../../packages/client/src/index.ts';
import { Recorder } from '../../packages/client/src/testing/recorder.ts';
import { connectNats, leaseBucket } from '../../src/cluster/connection.ts';
import { Lease } from '../../src/cluster/lease.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';
import { STREAM } from '../../src/cluster/names.ts';
import { readStream, streamHead } from '../../src/cluster/stream-reader.ts';
import { startNats } from '../../src/cluster/testing/nats-server.ts';
import type { GameSnapshot, ServerMessage } from '../../src/protocol/messages.ts';
import { leaseTtlMs } from '../../src/roles/poller.ts';
import { CliProcess } from '../support/cli-process.ts';
import { findDataDir } from '../support/data.ts';
import { ReplayedNight } from '../support/replayed-night.ts';
import { leadingPoller, takenOverAt } from '../support/takeover.ts';
import { TcpBalancer } from '../support/tcp-balancer.ts';
import { TcpRelay } from '../support/tcp-relay.ts';
import { NightView } from '../support/night-view.ts';
import { type Cleanups, quietHead, useNightRun } from '../support/night-run.ts';

/** Eight games tipping at 7:00 (five), 7:30, 8:00 and 8:30 pm. */
const NIGHT = '2017-10-20';
const SPEED = 300;
/** A poll every 200 ms of real time: the lease is 300 ms. */
const POLL_SECONDS = 60;
const POLL_MS = (POLL_SECONDS * 1000) / SPEED;
const CLIENTS = 300;
const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');

interface Outcome {
  stream: { seq: number; json: string; message: ServerMessage }[];
  takeovers: { killed: string; tookMs: number; gamesBefore18: number }[];
  edgeKilled: { clientsOnIt: number; dropped: number; reconnected: number };
  natsRestart: { node: string; seqBefore: number; seqWhileDown: number; seqAfter: number; logs: string };
  recorders: Recorder[];
  games: GameSnapshot[];
}

describe('pollers and edges over NATS JetStream (2 pollers, 3 edges, 300 clients, a 3-node cluster)', { skip: data.reason }, () => {
  const night = useNightRun(runNight);

  it('numbers the stream 1..N with each body carrying its seq, every game complete and exact, nothing told twice', () => {
    const { stream, games } = night();
    assert.deepEqual(stream.map((m) => m.seq), Array.from({ length: stream.length }, (_, i) => i + 1));
    for (const m of stream) assert.equal(m.message.seq, m.seq);
    assert.equal(games.length, 8);
    for (const game of games) {
      const own = stream.map((m) => m.message).filter((m) => 'game_id' in m && m.game_id === game.game_id);
      assert.equal(game.data.status, 'Final', game.game_id);
      assert.ok(game.pattern.length >= 48 && !game.approximate, `${game.game_id}: the whole pattern, exact`);
      const minutes = own.flatMap((m) => (m.type === 'pattern_progress' ? [m] : []));
      minutes.forEach((m, i) => {
        const before = minutes[i - 1];
        if (!before) return;
        assert.ok(m.minutes_collected > before.minutes_collected, `${game.game_id}: minutes ${m.minutes_collected} after ${before.minutes_collected} (seq ${m.seq})`);
        assert.deepEqual(m.pattern.slice(0, before.pattern.length), before.pattern, `${game.game_id}: the pattern only grows`);
      });
      assert.deepEqual(minutes.at(-1)?.pattern, game.pattern);
      const scores = own.flatMap((m) => (m.type === 'score_update' ? [JSON.stringify(m.data)] : []));
      scores.forEach((s, i) => assert.notEqual(s, scores[i - 1], `${game.game_id}: the same score told twice in a row`));
      assert.equal(own.filter((m) => m.type === 'ml_prediction').length, 1, `${game.game_id}: exactly one forecast`);
      assert.equal(own.filter((m) => m.type === 'halftime_result' && !m.revised).length, 1, `${game.game_id}: exactly one halftime grade`);
    }
  });

  // How soon is a figure, measured in bench/takeover.bench.ts (bar: 2 poll intervals), not here:
  // this machine's load decides it by tens of milliseconds. Here: a standby always takes over
  // (runNight fails if none does within 10 s), and the stream loses and repeats nothing (above).
  it('kills the leading poller (-9) while games are before 18:00: a standby takes over', (t) => {
    const { takeovers } = night();
    assert.ok(takeovers.length >= 1);
    assert.ok((takeovers[0]?.gamesBefore18 ?? 0) >= 2, `several games before 18:00 at the first kill: ${JSON.stringify(takeovers)}`);
    for (const taken of takeovers) t.diagnostic(`taken over ${taken.tookMs} ms after the kill (a poll is ${POLL_MS} ms)`);
  });

  it('gives every client the identical sequence: same seqs, same bodies, none missing, none twice', () => {
    const { stream, recorders } = night();
    const json = new Map(stream.map((m) => [m.seq, m.json]));
    for (const [i, r] of recorders.entries()) {
      const got = r.gameMessages;
      const first = got[0]?.seq ?? 0;
      assert.equal(first, 1, `client ${i} joined before the night began`);
      assert.deepEqual(got.map((m) => m.seq), Array.from({ length: stream.length - first + 1 }, (_, k) => first + k), `client ${i}: every seq once, in order`);
      for (const m of got) assert.equal(JSON.stringify(m), json.get(m.seq), `client ${i}: body of seq ${m.seq}`);
      assert.equal(r.invalid.length, 0);
      assert.equal(r.ofType('snapshot').filter((s) => s.resumed === false).length, 0, `client ${i} was never refused a resume`);
    }
  });

  it('kills an edge (-9): its clients reconnect to the others and resume with no gap', () => {
    const { edgeKilled } = night();
    assert.ok(edgeKilled.clientsOnIt >= CLIENTS / 6, `clients on the killed edge: ${edgeKilled.clientsOnIt}`);
    assert.equal(edgeKilled.dropped, edgeKilled.clientsOnIt, 'its clients, and only they, were dropped');
    assert.equal(edgeKilled.reconnected, edgeKilled.dropped, 'every one of them came back (on another edge: this one is dead)');
  });

  it('restarts the NATS node leading the stream: no message lost, none twice', (t) => {
    const { natsRestart, stream } = night();
    const { logs, ...figures } = natsRestart;
    // Whether publishing went on while the node was down is availability, not loss: reported, not asserted.
    t.diagnostic(`stream seq before the kill ${figures.seqBefore}, after 10 s down ${figures.seqWhileDown}, after the restart ${figures.seqAfter}`);
    if (figures.seqWhileDown === figures.seqBefore) t.diagnostic(`nothing published while ${figures.node} was down; the pollers said:\n${logs.slice(0, 1_500)}`);
    assert.ok(figures.seqAfter > figures.seqBefore, `published after ${figures.node} came back: ${JSON.stringify(figures)}`);
    // The stream checked whole and once-only above runs through the restart.
    assert.ok(stream.length > figures.seqAfter);
  });
});

async function runNight(cleanups: Cleanups): Promise<Outcome> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'courtside-deploy-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const nats = await startNats(3);
  cleanups.push(() => nats.close());
  const observer = await connectNats({ servers: nats.nodes.map((n) => n.url), replicas: 3, name: 'observer' });
  cleanups.push(() => observer.close());
  const lease = new Lease(await leaseBucket(observer, 3, leaseTtlMs({ pollSeconds: POLL_SECONDS, speed: SPEED })), 'observer');
  // The pollers reach the replay through a gate that holds their requests until everything is up: the night begins then.
  const gate = await TcpRelay.start();
  cleanups.push(() => gate.close());
  const feedUrl = `http://127.0.0.1:${gate.port}/static/json/liveData`;

  const env = { NBA_DATA_DIR: data.dir, COURTSIDE_MAX_CONNECTIONS_PER_ADDRESS: '1000' };
  const common = ['--nats', nats.servers, '--host', '127.0.0.1', '--port', '0', '--no-dashboard', '--log-level', 'info'];
  const poller = () => {
    const p = new CliProcess(['serve', '--role', 'poller', '--source', 'nba', '--feed-url', feedUrl, '--speed', String(SPEED),
      '--poll-seconds', String(POLL_SECONDS), '--model', BASELINE_MODEL, ...common], env);
    cleanups.push(() => p.kill());
    return p;
  };
  const pollers = [poller(), poller()];
  const edges = [0, 1, 2].map(() => {
    const e = new CliProcess(['serve', '--role', 'edge', ...common], env);
    cleanups.push(() => e.kill());
    return e;
  });
  const ports = await Promise.all(edges.map(async (e) => Number((await e.waitFor(/stream ws:\/\/[^:]+:(\d+)/, 120_000))[1])));
  await Promise.all(pollers.map((p) => p.waitFor(/standing by as/, 120_000)));
  const balancer = await TcpBalancer.start(ports);
  cleanups.push(() => balancer.close());

  const recorders: Recorder[] = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    const client = new CourtsideClient({ url: `ws://127.0.0.1:${balancer.port}/`, WebSocket, backoff: { baseMs: 50, capMs: 500 } });
    cleanups.push(() => client.close());
    recorders.push(new Recorder(client));
  }
  await Promise.all(recorders.map((r) => r.client.whenSynced()));
  // The clients of the third edge are the ones it will drop: found by where each one's socket went.
  const watcher = recorders[0] as Recorder;
  const replay = await ReplayedNight.start(data.dir as string, NIGHT, SPEED);
  cleanups.push(() => replay.close());
  await replay.ready;
  gate.connectTo(Number(new URL(replay.feedUrl).port));

  const view = new NightView(8 * 48);
  const takeovers: Outcome['takeovers'] = [];
  const killLeader = async (): Promise<void> => {
    const { holder, poller: victim } = await leadingPoller(lease, pollers);
    const gamesBefore18 = [...view.update(watcher.messages).minutes].filter(([id, m]) => m >= 1 && m < 18 && !view.forecasts.has(id)).length;
    const killed = Date.now();
    await victim.kill('SIGKILL');
    const tookAt = await takenOverAt(pollers, killed);
    if (tookAt === undefined) {
      const said = pollers.map((p) => `pid ${p.pid} ${p.running ? 'running' : `exited ${p.child.exitCode ?? p.child.signalCode}`}:\n${p.stdout.slice(-2_000)}\n${p.stderr.slice(-1_500)}`);
      throw new Error(`no poller took over within 10 s of killing ${holder}:\n${said.join('\n---\n')}`);
    }
    const tookMs = tookAt - killed;
    takeovers.push({ killed: holder, tookMs, gamesBefore18 });
    const replacement = poller();
    pollers.push(replacement);
    await replacement.waitFor(/standing by as/, 120_000);
  };

  await watcher.until('two games between 6:00 and 18:00', () => [...view.update(watcher.messages).minutes].filter(([id, m]) => m >= 6 && m < 18 && !view.forecasts.has(id)).length >= 2, 120_000);
  await killLeader();

  // An edge dies with about a third of the clients on it.
  await watcher.until('a quarter of the night', () => view.update(watcher.messages).progress > 0.25, 120_000);
  const statusesBefore = recorders.map((r) => r.statuses.length);
  const victimEdge = edges[2] as CliProcess;
  const healthBefore = (await (await fetch(`http://127.0.0.1:${ports[2]}/health`)).json()) as { clients: number };
  await victimEdge.kill('SIGKILL');
  await delay(1_000);
  const dropped = recorders.filter((r, i) => r.statuses.slice(statusesBefore[i]).some((s) => s.state !== 'connected'));
  const backBy = Date.now() + 30_000;
  while (dropped.some((r) => r.client.connection.state !== 'connected') && Date.now() < backBy) await delay(50);
  const back = dropped.filter((r) => r.client.connection.state === 'connected');

  // The node leading the stream is killed and started again.
  await watcher.until('40% of the night', () => view.update(watcher.messages).progress > 0.4, 120_000);
  const leaderName = (await observer.jsm.streams.info(STREAM)).cluster?.leader;
  const node = nats.nodes.find((n) => n.name === leaderName) ?? (nats.nodes[0] as (typeof nats.nodes)[number]);
  const seqBefore = (await streamHead(observer.jsm)).lastSeq;
  const logFrom = pollers.map((p) => p.stdout.length);
  await node.kill();
  // Long enough for the two left to elect new leaders for the stream and the lease (a few seconds) and go on.
  await delay(10_000);
  const seqWhileDown = await retry(async () => (await streamHead(observer.jsm)).lastSeq);
  await node.start();
  const restarted = Date.now();
  let seqAfter = seqWhileDown;
  while (seqAfter <= seqWhileDown && Date.now() - restarted < 30_000) {
    await delay(200);
    seqAfter = await retry(async () => (await streamHead(observer.jsm)).lastSeq);
  }

  // Another leader killed, if a game is still before 18:00 (the 8:30 pm tip).
  await watcher.until('a late game between 1:00 and 18:00, or the night past 80%', () => {
    view.update(watcher.messages);
    return view.gameBeforeEighteen(1) !== undefined || view.progress > 0.8;
  }, 120_000);
  if (view.gameBeforeEighteen(1) !== undefined) await killLeader();

  // The night ends: every game final on the edges, and the stream quiet.
  let games: GameSnapshot[] = [];
  const deadline = Date.now() + 150_000;
  for (;;) {
    games = ((await (await fetch(`http://127.0.0.1:${ports[0]}/api/games`)).json()) as { games: GameSnapshot[] }).games;
    if (games.length === 8 && games.every((g) => g.data.status === 'Final' && g.pattern.length >= 48 && g.halftime)) break;
    if (Date.now() > deadline) throw new Error(`the night did not end: ${JSON.stringify(games.map((g) => [g.game_id, g.data.status, g.pattern.length]))}`);
    await delay(250);
  }
  const head = await quietHead(observer.jsm);
  await Promise.all(recorders.map((r) => r.readThrough(head, 30_000)));
  const stream: Outcome['stream'] = [];
  await readStream(observer.js, 1, head, (m) => stream.push({ ...m, message: JSON.parse(m.json) as ServerMessage }));
  return {
    stream,
    takeovers,
    edgeKilled: { clientsOnIt: healthBefore.clients, dropped: dropped.length, reconnected: back.length },
    natsRestart: { node: node.name, seqBefore, seqWhileDown, seqAfter, logs: pollers.map((p, i) => p.stdout.slice(logFrom[i] ?? 0).slice(0, 4_000)).join('\n---\n') },
    recorders,
    games,
  };
}

async function retry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i > 50) throw error;
      await delay(200);
    }
  }
}
