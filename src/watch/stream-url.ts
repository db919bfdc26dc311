/** The stream `courtside watch` is pointed at, read from what a person types. */
import { CourtsideError } from '../errors.ts';

export const DEFAULT_STREAM_URL = 'ws://localhost:8765';

/** A user's mistake in what `watch` was given: one line, exit status 2. */
export class WatchError extends CourtsideError<'watch_url' | 'watch_game' | 'watch_token'> {}

/**
 * `ws://` or `wss://` as given; a dashboard's `http(s)://` address means its stream, on the same
 * host and port; `localhost:8765` alone means `ws://localhost:8765`.
 */
export function streamUrl(text: string): string {
  const given = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `ws://${text}`;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new WatchError('watch_url', `URL: "${text}" is not a URL; give the stream as ws://host:port (default ${DEFAULT_STREAM_URL})`);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new WatchError('watch_url', `URL: "${text}" is not a WebSocket URL; give the stream as ws://host:port or wss://host (default ${DEFAULT_STREAM_URL})`);
  }
  return url.toString();
}
