/**
 * One WebSocket to the server at a time, reopened with backoff whenever it drops, until `close()`.
 * Reports its state (connecting, connected, reconnecting, offline, closed) with the delay before
 * the next attempt. Knows nothing of the protocol: the URL of each attempt comes from the caller.
 */
import { backoffDelay } from "./backoff.js";
import { OPEN } from "./socket.js";
/**
 * A connection that delivered a message, or stayed open this long, was a success: the next drop
 * starts the backoff afresh. One that the server closes at once (e.g. 1011, no snapshot) was not,
 * so a server that keeps failing that way is not hammered.
 */
const HEALTHY_AFTER_MS = 10_000;
export class Link {
    #options;
    #socket = null;
    #timer;
    #openedAt = 0;
    #healthy = false;
    #status = { state: 'connecting', retryInMs: null, failures: 0, lastClose: null };
    #closed;
    constructor(options) {
        this.#options = options;
        this.#open();
    }
    get status() {
        return this.#status;
    }
    /** Sends when the socket is open; false otherwise (nothing is queued). */
    send(text) {
        if (this.#socket?.readyState !== OPEN)
            return false;
        this.#socket.send(text);
        return true;
    }
    /** Skips the wait before the next attempt; does nothing while a socket is open or opening. */
    retryNow() {
        if (this.#closed || this.#socket)
            return;
        clearTimeout(this.#timer);
        this.#open();
    }
    /** Stops for good; resolves once the socket has closed. */
    close() {
        if (this.#closed)
            return this.#closed;
        let done;
        // Set first: the report below may call back into close().
        this.#closed = new Promise((resolve) => (done = resolve));
        clearTimeout(this.#timer);
        const socket = this.#socket;
        this.#socket = null;
        if (socket) {
            socket.onclose = () => done();
            socket.onmessage = null;
            socket.onopen = null;
            socket.close(1000, 'client closed');
        }
        else
            done();
        this.#report({ state: 'closed', retryInMs: null });
        return this.#closed;
    }
    #open() {
        this.#timer = undefined;
        if (this.#closed)
            return;
        let socket;
        try {
            socket = new this.#options.WebSocket(this.#options.url());
        }
        catch (error) {
            // A constructor that throws (a bad URL, a browser refusing the port) is one more failed attempt.
            this.#dropped({ code: 1006, reason: error?.message ?? String(error) });
            return;
        }
        this.#socket = socket;
        socket.onopen = () => {
            if (this.#socket !== socket)
                return;
            this.#openedAt = Date.now();
            this.#healthy = false;
            this.#report({ state: 'connected', retryInMs: null });
            this.#options.onOpen();
        };
        socket.onmessage = (event) => {
            if (this.#socket !== socket)
                return;
            if (!this.#healthy) {
                this.#healthy = true;
                this.#status = { ...this.#status, failures: 0 };
            }
            this.#options.onMessage(event.data);
        };
        // Every implementation follows an error with close: reconnecting from close alone is enough.
        socket.onerror = () => { };
        socket.onclose = (event) => {
            if (this.#socket !== socket)
                return;
            this.#socket = null;
            if (this.#openedAt && Date.now() - this.#openedAt >= HEALTHY_AFTER_MS)
                this.#healthy = true;
            this.#dropped({ code: event.code, reason: event.reason });
        };
    }
    #dropped(lastClose) {
        const failures = this.#healthy ? 1 : this.#status.failures + 1;
        this.#healthy = false;
        this.#openedAt = 0;
        const { backoff, offlineAfter, random } = this.#options;
        const delay = backoffDelay(failures, backoff, random);
        this.#status = { ...this.#status, failures, lastClose };
        // Armed before the report: a listener may close the client from inside it.
        this.#timer = setTimeout(() => this.#open(), delay);
        this.#report({ state: failures >= offlineAfter ? 'offline' : 'reconnecting', retryInMs: delay });
    }
    #report(change) {
        this.#status = { ...this.#status, ...change };
        this.#options.onStatus(this.#status);
    }
}
//# sourceMappingURL=link.js.map