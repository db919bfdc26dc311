/**
 * What a stream client knows about the night so far, folded from the messages it received: minutes
 * collected per game, forecasts and halftime grades seen. Tests use it to pick a moment of the
 * night (a share of its game minutes, a game between 12:00 and 18:00, the first forecast) without
 * depending on how fast the machine is.
 */
import type { ServerMessage } from '../../src/protocol/messages.ts';

export class NightView {
  readonly minutes = new Map<string, number>();
  readonly forecasts = new Set<string>();
  readonly halftimes = new Set<string>();
  #read = 0;

  /** `totalMinutes`: the night's game minutes when every game is over (48 + 5 per overtime each). */
  constructor(readonly totalMinutes: number) {}

  /** Folds in the messages not seen yet; call with the growing list of one connection or more. */
  update(messages: readonly ServerMessage[]): this {
    for (; this.#read < messages.length; this.#read += 1) this.#fold(messages[this.#read] as ServerMessage);
    return this;
  }

  /** Share of the night's game minutes collected, 0..1. */
  get progress(): number {
    let collected = 0;
    for (const m of this.minutes.values()) collected += m;
    return collected / this.totalMinutes;
  }

  /** A game that has started its second quarter but not reached 18:00, without a forecast yet. */
  gameBeforeEighteen(fromMinute: number): string | undefined {
    for (const [gameId, m] of this.minutes) if (m >= fromMinute && m < 18 && !this.forecasts.has(gameId)) return gameId;
    return undefined;
  }

  describe(): string {
    const games = [...this.minutes].map(([id, m]) => `${id}:${m}${this.forecasts.has(id) ? 'F' : ''}${this.halftimes.has(id) ? 'H' : ''}`);
    return `progress ${(this.progress * 100).toFixed(1)}% [${games.join(' ')}]`;
  }

  #fold(message: ServerMessage): void {
    switch (message.type) {
      case 'snapshot':
        for (const g of message.games) {
          this.minutes.set(g.game_id, Math.max(this.minutes.get(g.game_id) ?? 0, g.pattern.length));
          if (g.prediction) this.forecasts.add(g.game_id);
          if (g.halftime) this.halftimes.add(g.game_id);
        }
        return;
      case 'pattern_progress':
        this.minutes.set(message.game_id, Math.max(this.minutes.get(message.game_id) ?? 0, message.minutes_collected));
        return;
      case 'ml_prediction':
        this.forecasts.add(message.game_id);
        return;
      case 'halftime_result':
        this.halftimes.add(message.game_id);
        return;
      default:
        return;
    }
  }
}
