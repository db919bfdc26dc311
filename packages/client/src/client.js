/**
 * The Courtside stream client: one reconnecting WebSocket, resumed by `epoch` and `seq` after
 * every drop so that no message is missed or applied twice, the latest state of every followed
 * game, typed events, and an async iterator over the messages.
 */
import { decodeFrame } from "./decode.js";
import { Emitter } from "./emitter.js";
import { ClientError } from "./errors.js";
import { GameBook } from "./games.js";
import { Link } from "./link.js";
import { MessageQueue } from "./message-queue.js";
import { readGames, resolveOptions } from "./options.js";
export class CourtsideClient {
    #options;
    #events = new Emitter();
    #book = new GameBook();
    #readers = new Set();
    #link;
    #games;
    /** The subscription the current socket's URL asked for. */
    #socketGames;
    /** Set from a subscription change until its snapshot arrives: a connection opened meanwhile must not resume. */
    #needSnapshot = false;
    #synced = false;
    #syncWaiters = [];
    #closing;
    constructor(options) {
        this.#options = resolveOptions(options);
        this.#games = this.#options.games;
        this.#socketGames = this.#games;
        this.#link = new Link({
            WebSocket: this.#options.WebSocket,
            url: () => this.#nextUrl(),
            backoff: this.#options.backoff,
            offlineAfter: this.#options.offlineAfter,
            random: this.#options.random,
            onOpen: () => this.#opened(),
            onMessage: (data) => this.#received(data),
            onStatus: (status) => this.#events.emit('connection', status),
        });
    }
    /** The connection's state, with the delay before the next attempt while it is down. */
    get connection() {
        return this.#link.status;
    }
    /** Every followed game's latest state, by game id. The same map for the client's whole life. */
    get games() {
        return this.#book.games;
    }
    game(gameId) {
        return this.#book.games.get(gameId);
    }
    /**
     * How the server's NBA feed is doing: `state` (`ok`, `failing`, `stale`), `since`, `last_error`
     * and `last_success_at`. Null until the server has said (before its first poll, or an older server).
     */
    get feed() {
        return this.#book.feed;
    }
    /** True once a snapshot has arrived: `games` is then the server's whole picture. */
    get synced() {
        return this.#synced;
    }
    /** The epoch and seq this client would resume from; undefined before the first snapshot. */
    get position() {
        return this.#book.position;
    }
    /** The games followed (`'*'`: every game). */
    get subscription() {
        return this.#games;
    }
    /** Listens to one event; returns the function that stops listening. */
    on(event, listener) {
        return this.#events.on(event, listener);
    }
    off(event, listener) {
        this.#events.off(event, listener);
    }
    /** Resolves once the client holds a snapshot (at once if it already does); rejects if closed first. */
    whenSynced() {
        if (this.#synced)
            return Promise.resolve();
        if (this.#closing)
            return Promise.reject(closedError());
        return new Promise((resolve, reject) => this.#syncWaiters.push({ resolve, reject }));
    }
    /**
     * Follows these games from now on (`'*'` or `[]`: every game). The server answers with a
     * snapshot of them, which replaces the state; while disconnected, the next connection asks.
     */
    subscribe(games) {
        if (this.#closing)
            throw closedError();
        this.#games = readGames(games);
        this.#needSnapshot = true;
        this.#sendSubscribe();
    }
    /** Skips the wait before the next reconnect attempt (a "retry now" button, the browser coming back online). */
    reconnect() {
        this.#link.retryNow();
    }
    /** Closes the connection for good and ends every `for await` loop (after the messages already received). */
    close() {
        if (this.#closing)
            return this.#closing;
        let done;
        // Set first: a listener of the 'closed' state may call close() again.
        this.#closing = new Promise((resolve) => (done = resolve));
        for (const reader of this.#readers)
            reader.end();
        this.#readers.clear();
        for (const waiter of this.#syncWaiters.splice(0))
            waiter.reject(closedError());
        void this.#link.close().then(() => {
            this.#events.clear();
            done();
        });
        return this.#closing;
    }
    /** Every message from now on, once and in order, until `close()`; `break` stops only this loop. */
    [Symbol.asyncIterator]() {
        const reader = new MessageQueue(() => this.#readers.delete(reader));
        if (this.#closing)
            reader.end();
        else
            this.#readers.add(reader);
        return reader;
    }
    #nextUrl() {
        const url = new URL(this.#options.url);
        if (this.#options.token !== undefined)
            url.searchParams.set('token', this.#options.token);
        if (this.#games !== '*')
            url.searchParams.set('game_ids', this.#games.join(','));
        const position = this.#needSnapshot ? undefined : this.#book.position;
        if (position) {
            // Resuming in the handshake is atomic: the server sends the gap before anything live.
            url.searchParams.set('epoch', position.epoch);
            url.searchParams.set('last_seq', String(position.seq));
        }
        this.#socketGames = this.#games;
        return url.toString();
    }
    #opened() {
        // The subscription changed while this socket was opening.
        if (this.#socketGames !== this.#games)
            this.#sendSubscribe();
    }
    #sendSubscribe() {
        const message = { type: 'subscribe', game_ids: this.#games === '*' ? '*' : [...this.#games] };
        const sent = this.#link.send(JSON.stringify(message));
        if (sent)
            this.#socketGames = this.#games;
        return sent;
    }
    #received(data) {
        const decoded = decodeFrame(data, this.#options.validate);
        if (decoded.kind === 'invalid') {
            this.#events.emit('invalid', { reason: decoded.reason });
            return;
        }
        if (decoded.kind === 'unknown') {
            this.#events.emit('unknown', { type: decoded.type, message: decoded.message });
            return;
        }
        const message = decoded.message;
        const applied = this.#book.apply(message);
        if (applied.kind === 'duplicate')
            return;
        if (applied.kind === 'snapshot')
            this.#snapshotApplied();
        for (const reader of this.#readers)
            reader.push(message);
        this.#events.emit(message.type, message);
        this.#events.emit('message', message);
        if (applied.kind === 'snapshot')
            this.#events.emit('sync', this.#book.games);
        else if (applied.kind === 'game' && applied.game)
            this.#events.emit('game', applied.game);
        if (applied.kind === 'feed' || (applied.kind === 'snapshot' && applied.feedChanged))
            this.#events.emit('feed', this.#book.feed);
    }
    #snapshotApplied() {
        this.#needSnapshot = false;
        if (this.#synced)
            return;
        this.#synced = true;
        for (const waiter of this.#syncWaiters.splice(0))
            waiter.resolve();
    }
}
function closedError() {
    return new ClientError('ERR_CLIENT_CLOSED', 'the client is closed; create a new one');
}
//# sourceMappingURL=client.js.map