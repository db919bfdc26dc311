/**
 * What the live service needs from the outside world, as interfaces. Adapters (the NBA feed
 * client, the WebSocket broadcaster, the SQLite store, pino) implement them; the service never
 * touches a socket, an HTTP request or a database itself.
 */
import type { FeedResult } from '../domain/feed-result.ts';
import type { PlayByPlayDocument, ScoreboardReading } from '../feed/nba-schemas.ts';

/** The NBA live feed (the real CDN or the replay's fake one: only the base URL differs). */
export interface LiveFeed {
  /** Entries that failed validation are left out of `games` and listed in `rejectedGames`. */
  scoreboard(): Promise<FeedResult<ScoreboardReading>>;
  playByPlay(gameId: string): Promise<FeedResult<PlayByPlayDocument>>;
}
