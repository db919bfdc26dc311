/**
 * Tells every client how the NBA feed is doing, so a failing feed never looks like a quiet night:
 * publishes a `feed_status` whenever the feed's state changes, or a failure's cause changes kind.
 * The first judgement after a start is published too, so a client that resumes across a restart
 * learns the feed's state along with the games. One log line per change, with the cause.
 */
import { silentLogger, type Logger } from '../domain/logger.ts';
import type { MessageSink } from '../domain/message-sink.ts';
import type { FeedCondition, ServerMessage, Unsequenced } from '../protocol/messages.ts';

export interface FeedStatusOptions {
  readonly sink: MessageSink<Unsequenced<ServerMessage>>;
  /** The feed's condition now: the same judgement `/health` makes. */
  readonly condition: () => FeedCondition;
  readonly logger?: Logger;
  /** The clock for message timestamps, in ms since the epoch. */
  readonly now?: () => number;
}

export class FeedStatusReporter {
  readonly #sink: MessageSink<Unsequenced<ServerMessage>>;
  readonly #condition: () => FeedCondition;
  readonly #logger: Logger;
  readonly #now: () => number;
  #last: FeedCondition | undefined;

  constructor(options: FeedStatusOptions) {
    if (typeof options?.sink?.publish !== 'function') throw invalid('sink must have a publish(message) method');
    if (typeof options.condition !== 'function') throw invalid('condition must be a function returning the feed\'s condition');
    this.#sink = options.sink;
    this.#condition = options.condition;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
  }

  /** The condition last published; undefined before the first check. */
  get last(): FeedCondition | undefined {
    return this.#last;
  }

  /** Judges the feed now; publishes and returns the condition if it changed, else undefined. */
  check(): FeedCondition | undefined {
    const condition = this.#condition();
    const previous = this.#last;
    if (previous && kindOf(previous) === kindOf(condition)) return undefined;
    this.#last = condition;
    this.#sink.publish({ type: 'feed_status', timestamp: new Date(this.#now()).toISOString(), ...condition });
    this.#log(condition, previous);
    return condition;
  }

  #log(now: FeedCondition, previous: FeedCondition | undefined): void {
    const error = now.last_error;
    if (now.state === 'ok') {
      if (previous && previous.state !== 'ok') this.#logger.info({ feed: 'ok', was: previous.state, since: previous.since }, `NBA feed answering again (${previous.state} since ${previous.since})`);
      return;
    }
    const cause = error ? `${error.code} on ${error.endpoint}: ${error.message}` : 'no answer';
    const what = now.state === 'stale' ? 'NBA feed silent' : 'NBA feed failing';
    this.#logger.warn({ feed: now.state, since: now.since, code: error?.code, endpoint: error?.endpoint }, `${what} since ${now.since} (${cause})`);
  }
}

/** What a client is told about: the state, and while not ok, which document fails and how. */
function kindOf(c: FeedCondition): string {
  return c.last_error && c.state !== 'ok' ? `${c.state} ${c.last_error.endpoint} ${c.last_error.code}` : c.state;
}

function invalid(message: string): TypeError {
  return Object.assign(new TypeError(`FeedStatusReporter: ${message}`), { code: 'invalid_option' });
}
