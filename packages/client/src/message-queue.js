/**
 * One `for await` reader of the stream: messages arriving while the reader is busy wait here, in
 * order. `end()` lets the reader finish what is queued and then stops it.
 */
export class MessageQueue {
    #queued = [];
    #head = 0;
    /** Readers' pending `next()` calls, oldest first (a plain `for await` has at most one). */
    #waiting = [];
    #ended = false;
    #onReturn;
    constructor(onReturn) {
        this.#onReturn = onReturn;
    }
    push(item) {
        if (this.#ended)
            return;
        const waiting = this.#waiting.shift();
        if (waiting)
            waiting({ value: item, done: false });
        else
            this.#queued.push(item);
    }
    end() {
        this.#ended = true;
        for (const waiting of this.#waiting.splice(0))
            waiting({ value: undefined, done: true });
    }
    next() {
        if (this.#head < this.#queued.length)
            return Promise.resolve({ value: this.#take(), done: false });
        if (this.#ended)
            return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.#waiting.push(resolve));
    }
    /** `break` out of the loop: the reader is forgotten and its queue dropped. */
    return() {
        this.#queued = [];
        this.#head = 0;
        this.end();
        this.#onReturn();
        return Promise.resolve({ value: undefined, done: true });
    }
    #take() {
        const item = this.#queued[this.#head];
        this.#head += 1;
        // Compacted now and then rather than shifted each time: a long queue drains in linear time.
        if (this.#head >= 1024 && this.#head * 2 >= this.#queued.length) {
            this.#queued = this.#queued.slice(this.#head);
            this.#head = 0;
        }
        return item;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
}
//# sourceMappingURL=message-queue.js.map