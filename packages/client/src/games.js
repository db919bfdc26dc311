export class GameBook {
    #games = new Map();
    #epoch;
    #seq = -1;
    #feed = null;
    get games() {
        return this.#games;
    }
    /** The feed's condition as of the last `feed_status` or snapshot; null while the server has not said. */
    get feed() {
        return this.#feed;
    }
    /** Undefined until the first snapshot. */
    get position() {
        return this.#epoch === undefined ? undefined : { epoch: this.#epoch, seq: this.#seq };
    }
    apply(message) {
        if (message.type === 'snapshot') {
            const before = this.#feed;
            this.#replace(message);
            return { kind: 'snapshot', feedChanged: JSON.stringify(before) !== JSON.stringify(this.#feed) };
        }
        if (message.type === 'error')
            return { kind: 'other' };
        if (message.seq <= this.#seq)
            return { kind: 'duplicate' };
        this.#seq = message.seq;
        if (message.type === 'feed_status') {
            const { type: _t, seq: _s, timestamp: _ts, ...feed } = message;
            this.#feed = feed;
            return { kind: 'feed' };
        }
        return { kind: 'game', game: this.#update(message) };
    }
    #replace(snapshot) {
        this.#games.clear();
        for (const game of snapshot.games)
            this.#games.set(game.game_id, game);
        this.#epoch = snapshot.epoch;
        this.#seq = snapshot.seq;
        this.#feed = snapshot.feed_status ?? null;
    }
    #update(message) {
        const known = this.#games.get(message.game_id);
        let next;
        if (message.type === 'score_update') {
            next = known
                ? { ...known, data: message.data, updated_at: message.timestamp }
                : { game_id: message.game_id, data: message.data, pattern: [], approximate: false, prediction: null, halftime: null, minute_forecast: null, updated_at: message.timestamp };
        }
        else if (!known) {
            // The server introduces every game with a score_update (or a snapshot): never invent one.
            return undefined;
        }
        else if (message.type === 'pattern_progress') {
            next = { ...known, pattern: message.pattern, approximate: message.approximate, updated_at: message.timestamp };
        }
        else if (message.type === 'forecast_update') {
            const { type: _t, seq: _s, timestamp, game_id: _g, ...forecast } = message;
            next = { ...known, minute_forecast: { ...forecast, made_at: timestamp } };
        }
        else if (message.type === 'ml_prediction') {
            const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...prediction } = message;
            next = { ...known, prediction };
        }
        else {
            const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...halftime } = message;
            next = { ...known, halftime };
        }
        this.#games.set(next.game_id, next);
        return next;
    }
}
//# sourceMappingURL=games.js.map