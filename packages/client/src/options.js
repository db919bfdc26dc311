/**
 * The client's options, their defaults and their validation: a wrong option fails in the
 * constructor with a message naming it, what it accepts and what it was given.
 */
import { DEFAULT_BACKOFF } from "./backoff.js";
import { ClientError } from "./errors.js";
import { findWebSocket } from "./socket.js";
/** As many games as the server takes in one subscription. */
export const MAX_GAMES = 100;
const GAME_ID = /^\d{10}$/;
export function resolveOptions(options) {
    if (typeof options !== 'object' || options === null)
        fail('options must be an object with at least { url }');
    const given = options.backoff ?? {};
    const baseMs = given.baseMs ?? DEFAULT_BACKOFF.baseMs;
    // The default floor never exceeds a smaller base the caller chose.
    const backoff = { baseMs, capMs: given.capMs ?? Math.max(DEFAULT_BACKOFF.capMs, baseMs), minMs: given.minMs ?? Math.min(DEFAULT_BACKOFF.minMs, baseMs) };
    for (const key of ['baseMs', 'capMs', 'minMs']) {
        const value = backoff[key];
        if (!Number.isFinite(value) || value < 0)
            fail(`backoff.${key} must be a number of milliseconds ≥ 0, got ${String(value)}`);
    }
    if (backoff.baseMs <= 0)
        fail(`backoff.baseMs must be > 0, got ${backoff.baseMs}`);
    if (backoff.capMs < backoff.baseMs)
        fail(`backoff.capMs (${backoff.capMs}) must be ≥ backoff.baseMs (${backoff.baseMs})`);
    if (backoff.minMs > backoff.baseMs)
        fail(`backoff.minMs (${backoff.minMs}) must be ≤ backoff.baseMs (${backoff.baseMs})`);
    const offlineAfter = options.offlineAfter ?? 5;
    if (!Number.isInteger(offlineAfter) || offlineAfter < 1)
        fail(`offlineAfter must be an integer ≥ 1, got ${String(offlineAfter)}`);
    if (options.token !== undefined && (typeof options.token !== 'string' || options.token === ''))
        fail('token must be a non-empty string');
    if (options.validate !== undefined && typeof options.validate !== 'function')
        fail('validate must be a function');
    if (options.random !== undefined && typeof options.random !== 'function')
        fail('random must be a function');
    const WebSocket = findWebSocket(options.WebSocket);
    if (typeof WebSocket !== 'function') {
        throw new ClientError('ERR_NO_WEBSOCKET', 'no WebSocket implementation: this runtime has no global WebSocket (Node 20); pass one, e.g. { WebSocket } from the ws package');
    }
    return {
        url: readUrl(options.url),
        WebSocket,
        games: readGames(options.games ?? '*'),
        token: options.token,
        backoff,
        offlineAfter,
        validate: options.validate,
        random: options.random ?? Math.random,
    };
}
function readUrl(url) {
    if (typeof url !== 'string')
        fail(`url must be a ws:// or wss:// URL string, got ${typeof url}`);
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        fail(`url must be a ws:// or wss:// URL, got "${url}"`);
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
        fail(`url must be a ws:// or wss:// URL, got "${url}"`);
    return parsed.toString();
}
/** A game selection, checked: `'*'` or `[]` means every game. */
export function readGames(games) {
    if (games === '*')
        return '*';
    if (!Array.isArray(games))
        fail(`games must be '*' or an array of game ids, got ${typeof games}`);
    const bad = games.find((id) => typeof id !== 'string' || !GAME_ID.test(id));
    if (bad !== undefined)
        fail(`games: ${JSON.stringify(bad)} is not a game id (10 digits, e.g. "0021700001")`);
    if (games.length > MAX_GAMES)
        fail(`games: at most ${MAX_GAMES} games per subscription, got ${games.length}`);
    return games.length === 0 ? '*' : [...new Set(games)];
}
function fail(message) {
    throw new ClientError('ERR_CLIENT_OPTION', message);
}
//# sourceMappingURL=options.js.map