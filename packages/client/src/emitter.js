/** Rethrown in a microtask: outside the client's own work, and reported like any uncaught error. */
function rethrow(error) {
    queueMicrotask(() => {
        throw error;
    });
}
export class Emitter {
    #listeners = new Map();
    #report;
    constructor(report = rethrow) {
        this.#report = report;
    }
    on(event, listener) {
        let set = this.#listeners.get(event);
        if (!set)
            this.#listeners.set(event, (set = new Set()));
        set.add(listener);
        return () => this.off(event, listener);
    }
    off(event, listener) {
        this.#listeners.get(event)?.delete(listener);
    }
    emit(event, payload) {
        const set = this.#listeners.get(event);
        if (!set)
            return;
        for (const listener of [...set]) {
            try {
                listener(payload);
            }
            catch (error) {
                this.#report(error);
            }
        }
    }
    clear() {
        this.#listeners.clear();
    }
}
//# sourceMappingURL=emitter.js.map