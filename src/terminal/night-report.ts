/**
 * `serve`'s words for a person at a terminal: one line per forecast and per halftime verdict as
 * the service sends them, and the night's tally at the end. Fed the messages the service
 * publishes, it keeps each game's state as any client would (the SDK's own book and tally).
 */
import { GameBook } from '../../packages/client/src/games.ts';
import { nightTally, type ServerMessage } from '../../packages/client/src/index.ts';
import { clockTime, eventLine } from './event-line.ts';
import { tallyText, tonightText } from './game-text.ts';

export interface NightReportOptions {
  /** Where each line goes (without its newline). */
  readonly write: (line: string) => void;
  readonly now?: () => Date;
}

export class NightReport {
  readonly #book = new GameBook();
  readonly #write: (line: string) => void;
  readonly #now: () => Date;

  constructor(options: NightReportOptions) {
    this.#write = options.write;
    this.#now = options.now ?? (() => new Date());
  }

  /** A message the service published; forecasts and verdicts get a line, verdicts the tally so far. */
  observe(message: ServerMessage): void {
    const applied = this.#book.apply(message);
    if (message.type !== 'ml_prediction' && message.type !== 'halftime_result') return;
    const game = applied.kind === 'game' ? applied.game : undefined;
    let line = `${clockTime(this.#now())} ${eventLine(message, game)}`;
    if (message.type === 'halftime_result') line += ` · tonight: ${tallyText(this.tally())}`;
    this.#write(line);
  }

  tally(): ReturnType<typeof nightTally> {
    return nightTally(this.#book.games.values());
  }

  /** The closing lines: how many games, forecasts, intervals that held, and the error. */
  summary(): string[] {
    return [tonightText(this.#book.games.values())];
  }
}
