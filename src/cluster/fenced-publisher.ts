/**
 * The leading poller's sink: numbers each message with the stream sequence it must land at and
 * publishes it with that expectation (`expect.lastSequence` = seq − 1), so the stream takes it
 * only if nothing else was published since this poller last looked. A poller that lost its lease
 * and woke up late is refused by the server itself: the stream's seq is the protocol's `seq`, the
 * same on every edge, and no two messages ever claim one.
 *
 * `publish` is synchronous, as the pipeline expects: messages go out one after another in the
 * background, and `settled()` at the end of each poll cycle waits for the last answer. After the
 * first refusal or failure every later message is dropped: the caller must pick the night up from
 * the stream again.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { GAME_MESSAGE_TYPES } from '../broadcast/index.ts';
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';
import type { MessageSink } from '../domain/message-sink.ts';
import { CourtsideError } from '../errors.ts';
import { subjectOf } from './names.ts';

/** The stream refused a message (another poller leads now, or NATS did not answer): this poller may publish no more. */
export class FenceError extends CourtsideError<'publish_fenced'> {
  constructor(readonly seq: number, cause: unknown) {
    super('publish_fenced', `message ${seq} was not taken by the stream: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

export class FencedPublisher implements MessageSink<Unsequenced<ServerMessage>> {
  readonly #js: JetStreamClient;
  readonly #timeoutMs: number;
  #seq: number;
  #chain: Promise<void> = Promise.resolve();
  #failure: FenceError | undefined;

  /** `lastSeq`: the stream's last sequence when this poller read it. */
  constructor(js: JetStreamClient, lastSeq: number, timeoutMs = 5_000) {
    if (!Number.isInteger(lastSeq) || lastSeq < 0) throw new RangeError(`lastSeq must be an integer >= 0, got ${lastSeq}`);
    this.#js = js;
    this.#seq = lastSeq;
    this.#timeoutMs = timeoutMs;
  }

  /** The seq of the last message handed over (acknowledged or not). */
  get seq(): number {
    return this.#seq;
  }

  get failed(): FenceError | undefined {
    return this.#failure;
  }

  publish(message: Unsequenced<ServerMessage>): number {
    if (!GAME_MESSAGE_TYPES.has(message?.type) || !('game_id' in message)) {
      throw new RangeError(`cannot publish a ${String(message?.type)} message: only per-game messages are broadcast`);
    }
    const seq = this.#seq + 1;
    this.#seq = seq;
    if (this.#failure) return seq;
    const { type, ...rest } = message;
    const json = JSON.stringify({ type, seq, ...rest });
    const subject = subjectOf(message.game_id, type);
    // One at a time: were the next sent before this one's answer, a refused publisher's later
    // message could still land, when the stream happens to stand where it expects.
    this.#chain = this.#chain.then(async () => {
      if (this.#failure) return;
      try {
        const ack = await this.#js.publish(subject, json, { expect: { lastSequence: seq - 1 }, timeout: this.#timeoutMs });
        if (ack.seq !== seq) throw new Error(`stored at ${ack.seq}`);
      } catch (error) {
        this.#failure ??= new FenceError(seq, error);
      }
    });
    return seq;
  }

  /** The leadership ended: messages not sent yet are dropped (one already sent may still land; the next leader's fence sees to it). */
  stop(): void {
    this.#failure ??= new FenceError(this.#seq + 1, new Error('the poller stepped down'));
  }

  /** Resolves once every message so far is stored; throws the first `FenceError`. */
  async settled(): Promise<void> {
    await this.#chain;
    if (this.#failure) throw this.#failure;
  }
}
