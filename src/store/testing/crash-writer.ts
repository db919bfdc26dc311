/**
 * Child process for the crash test: writes through the store, then SIGKILLs itself, so nothing
 * (no close, no checkpoint, no exit handler) runs after the writes.
 *
 * Usage: node --import tsx crash-writer.ts FILE after-commit|mid-transaction
 */
import { openStore } from '../sqlite-store.ts';
import { CRASH_EPOCH, CRASH_GAME, forecast, game, halftime } from './records.ts';

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL to oneself is not always instantaneous: make sure no further line runs meanwhile.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  throw new Error('still alive after SIGKILL');
}

const [file, mode] = process.argv.slice(2);
if (file === undefined || (mode !== 'after-commit' && mode !== 'mid-transaction')) {
  throw new Error('usage: crash-writer.ts FILE after-commit|mid-transaction');
}
const store = openStore(file);
const f = forecast(CRASH_GAME);
store.upsertGame(game(CRASH_GAME));
store.transaction(() => f.pattern.forEach((d, i) => store.saveMinute(CRASH_GAME, i + 1, d, true)));
store.recordForecast(f);
store.appendMessage(1, CRASH_EPOCH, '{"type":"ml_prediction"}');
store.markForecastSent(CRASH_GAME, f.modelVersion, 1);
if (mode === 'mid-transaction') {
  store.transaction(() => {
    for (let minute = 19; minute <= 24; minute++) store.saveMinute(CRASH_GAME, minute, 7, true);
    store.recordHalftime(halftime(CRASH_GAME));
    store.appendMessage(2, CRASH_EPOCH, '{"type":"halftime_result"}');
    die();
  });
}
die();
