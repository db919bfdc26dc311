/**
 * Every game's minute forecasts, as the page has seen them: from the stream (`forecast_update`),
 * the snapshot's latest, and the game's history from `/api/games/:id` when the page joins a game
 * under way (best effort: with an API token, or an older server, the trail starts at the join).
 */
import './zod-setup.ts';
import { z } from 'zod';
import { MinuteForecast } from '../../src/protocol/messages.ts';

const History = z.object({ forecast_history: z.array(MinuteForecast) });

export class ForecastTrails {
  readonly #trails = new Map<string, MinuteForecast[]>();
  readonly #asked = new Set<string>();

  /** One forecast of a game, in minute order; a minute seen again is replaced. Returns whether it changed anything. */
  add(gameId: string, forecast: MinuteForecast): boolean {
    const trail = this.#trails.get(gameId) ?? [];
    const at = trail.findIndex((f) => f.minute >= forecast.minute);
    if (at >= 0 && trail[at]?.minute === forecast.minute && trail[at]?.made_at === forecast.made_at) return false;
    if (at < 0) trail.push(forecast);
    else trail.splice(at, trail[at]?.minute === forecast.minute ? 1 : 0, forecast);
    this.#trails.set(gameId, trail);
    return true;
  }

  /** A game's trail is missing minutes before its latest: the server has them. */
  hasGap(gameId: string): boolean {
    const trail = this.#trails.get(gameId) ?? [];
    return trail.length > 0 && trail.length < (trail.at(-1)?.minute ?? 0);
  }

  /** Fills a game's trail from `/api/games/:id`, once per game; false when nothing could be had. */
  async fetchHistory(gameId: string, get: typeof fetch = fetch): Promise<boolean> {
    if (this.#asked.has(gameId)) return false;
    this.#asked.add(gameId);
    try {
      const res = await get(`/api/games/${encodeURIComponent(gameId)}`);
      if (!res.ok) return false;
      const parsed = History.safeParse(await res.json());
      if (!parsed.success) return false;
      for (const f of parsed.data.forecast_history) this.add(gameId, f);
      return true;
    } catch {
      return false;
    }
  }

  all(): Record<string, MinuteForecast[]> {
    return Object.fromEntries([...this.#trails].map(([id, trail]) => [id, [...trail]]));
  }
}
