/**
 * A poller of several: it stands by, trying for the lease, until it wins it; then it reads the
 * stream to learn where the night is (`GameLedger`), and leads from there: polls, tracks,
 * forecasts and publishes through the fence, renewing the lease as it goes. It steps down when a
 * renewal finds the lease taken or none succeeds for a whole TTL, and picks the night up again
 * from the stream when the fence refuses a message while it still holds the lease.
 */
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { GameLedger } from '../service/game-ledger.ts';
import type { TrackedGame } from '../service/tracked-game.ts';
import type { Logger } from '../domain/logger.ts';
import type { ServerMessage } from '../protocol/messages.ts';
import { FencedPublisher } from './fenced-publisher.ts';
import type { Lease } from './lease.ts';
import { readStream, streamHead } from './stream-reader.ts';

/** What a leader runs: the poll loop over a pipeline; stopped when the poller steps down. */
export interface Leadership {
  stop(): Promise<void>;
}

export interface PollerOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly lease: Lease;
  /** The lease's TTL: renewed every third of it, tried for by a standby every sixth. */
  readonly ttlMs: number;
  readonly logger: Logger;
  /**
   * Starts leading from `games` (as the stream tells them), publishing through `sink`. Call
   * `refused` when `sink.settled()` throws: the poller stops this leadership and starts over.
   */
  readonly lead: (games: TrackedGame[], sink: FencedPublisher, refused: () => void) => Leadership;
  readonly onRole?: (role: PollerRole) => void;
}

/** A publish unanswered this long fails the leadership, which starts over from the stream. */
const PUBLISH_TIMEOUT_MS = 2_000;

export type PollerRole = 'standby' | 'taking_over' | 'leader' | 'stopped';

export class Poller {
  readonly #o: PollerOptions;
  #role: PollerRole = 'standby';
  #timer: NodeJS.Timeout | undefined;
  #leadership: Leadership | undefined;
  #sink: FencedPublisher | undefined;
  #lastRenewal = 0;
  /** One transition at a time: a tick never overlaps a takeover or a step-down. */
  #busy: Promise<void> = Promise.resolve();
  #takeovers = 0;

  constructor(options: PollerOptions) {
    if (!(options.ttlMs >= 30)) throw new RangeError(`ttlMs must be at least 30, got ${options.ttlMs}`);
    this.#o = options;
  }

  get role(): PollerRole {
    return this.#role;
  }

  /** Times this poller became the leader. */
  get takeovers(): number {
    return this.#takeovers;
  }

  start(): void {
    this.#schedule();
  }

  /** Stops leading (if it does) and frees the lease for a standby at once. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#setRole('stopped');
    await this.#serial(async () => {
      await this.#stepDown();
      await this.#o.lease.release().catch(() => undefined);
    });
  }

  #schedule(): void {
    if (this.#role === 'stopped') return;
    const ms = this.#o.lease.held ? this.#o.ttlMs / 3 : this.#o.ttlMs / 6;
    this.#timer = setTimeout(() => void this.#tick().catch((error: unknown) => this.#o.logger.error({ err: error }, 'lease check failed')).finally(() => this.#schedule()), ms);
  }

  /** Takeovers and step-downs one at a time, in order; renewals go on beside them. */
  #serial(step: () => Promise<void>): Promise<void> {
    this.#busy = this.#busy.then(step).catch((error: unknown) => this.#o.logger.error({ err: error }, 'poller step failed'));
    return this.#busy;
  }

  async #tick(): Promise<void> {
    if (this.#role === 'stopped') return;
    if (this.#o.lease.held) {
      await this.#renew();
      return;
    }
    if (this.#role !== 'standby' || !(await this.#o.lease.tryAcquire())) return;
    this.#lastRenewal = Date.now();
    this.#setRole('taking_over');
    void this.#serial(() => this.#takeOver());
  }

  async #renew(): Promise<void> {
    let renewed: boolean;
    try {
      renewed = await this.#o.lease.renew();
    } catch (error) {
      this.#o.logger.warn({ err: error }, 'lease renewal failed; trying again');
      if (Date.now() - this.#lastRenewal < this.#o.ttlMs) return;
      this.#o.lease.drop();
      renewed = false;
    }
    if (renewed) {
      this.#lastRenewal = Date.now();
      return;
    }
    this.#o.logger.warn({}, 'lease lost; standing by');
    // Publishing stops now, not when the running poll cycle ends; a standby may lead at the next tick.
    this.#sink?.stop();
    if (this.#role !== 'stopped') this.#setRole('standby');
    void this.#serial(() => this.#stepDown());
  }

  async #takeOver(): Promise<void> {
    if (!this.#o.lease.held || this.#role === 'stopped') return;
    try {
      const head = await streamHead(this.#o.jsm);
      const ledger = new GameLedger();
      await readStream(this.#o.js, head.firstSeq, head.lastSeq, (m) => ledger.apply(JSON.parse(m.json) as ServerMessage));
      const sink = new FencedPublisher(this.#o.js, head.lastSeq, PUBLISH_TIMEOUT_MS);
      const refused = () => void this.#serial(() => this.#refused(sink));
      this.#sink = sink;
      this.#leadership = this.#o.lead(ledger.records(), sink, refused);
      this.#takeovers += 1;
      this.#setRole('leader');
      this.#o.logger.info({ seq: head.lastSeq, games: ledger.size }, 'leading: picked the night up from the stream');
    } catch (error) {
      this.#o.logger.error({ err: error }, 'takeover failed; freeing the lease and standing by');
      await this.#stepDown();
      await this.#o.lease.release().catch(() => this.#o.lease.drop());
    }
  }

  /** The fence refused a message: this leadership's state may be ahead of the stream, so it ends. */
  async #refused(sink: FencedPublisher): Promise<void> {
    // A former leadership's sink (stopped when it stepped down) says nothing about this one.
    if (this.#role !== 'leader' || this.#sink !== sink) return;
    this.#o.logger.warn({ err: sink.failed }, 'publish refused by the stream; picking the night up again');
    await this.#stepDown();
    // Still the holder (as far as renewals tell): lead again at once from what the stream has.
    if (this.#o.lease.held) {
      this.#setRole('taking_over');
      await this.#takeOver();
    }
  }

  /** Waits for the poll loop to stop for at most a TTL: a cycle stuck on a slow feed must not hold up the next leadership. */
  async #stepDown(): Promise<void> {
    const leadership = this.#leadership;
    this.#leadership = undefined;
    this.#sink?.stop();
    this.#sink = undefined;
    if (this.#role !== 'stopped') this.#setRole('standby');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([leadership?.stop(), new Promise((resolve) => (timer = setTimeout(resolve, this.#o.ttlMs)))]);
    clearTimeout(timer);
  }

  #setRole(role: PollerRole): void {
    if (this.#role === role) return;
    this.#role = role;
    this.#o.onRole?.(role);
  }
}
