/**
 * The halftime forecaster: the time to load the committed model with its reference games (bar
 * ≤ 1 s), and one full prediction — features, every component, ensemble and interval — after
 * warm-up (bar p99 ≤ 2 ms). `courtside train`'s wall time is the committed model's own record.
 */
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/data/location.ts';
import { loadDataDir } from '../src/model/dataset.ts';
import { loadHalftimeModel, loadInGameModel } from '../src/model/index.ts';
import { readModel } from '../src/model/model-files.ts';
import { dataArg, ms, summarize, writeSection } from './stats.ts';

const dataDir = dataArg();
const modelDir = path.join(PROJECT_ROOT, 'models/halftime');

// The first load in a process also compiles the code it runs, as the service's start-up does.
const firstStarted = performance.now();
let model = await loadHalftimeModel({ modelDir, dataDir });
const firstLoad = performance.now() - firstStarted;
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  model = await loadHalftimeModel({ modelDir, dataDir });
  loads.push(performance.now() - started);
}
const games = loadDataDir(dataDir).filter((g) => g.season === '2017-18');
const cases = games.map((g) => ({ pattern: g.d.slice(0, 18), context: { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate } }));
for (let i = 0; i < 3000; i++) {
  const c = cases[i % cases.length]!;
  model.predict(c.pattern, c.context);
}
const samples: number[] = [];
for (let round = 0; round < 10; round++) {
  for (const c of cases) {
    const started = process.hrtime.bigint();
    model.predict(c.pattern, c.context);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const p = summarize(samples);

// The whole-game forecaster: its load (model file + ratings over every game of the dataset) and
// one forecast at the end of a minute, at every minute of the same games.
const inGameDir = path.join(PROJECT_ROOT, 'models/in-game');
const inGameLoads: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  loadInGameModel({ modelDir: inGameDir, dataDir });
  inGameLoads.push(performance.now() - started);
}
const inGame = loadInGameModel({ modelDir: inGameDir, dataDir });
const situations = games.flatMap((g) => Array.from({ length: 47 }, (_, m) => ({ context: { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate }, minute: m + 1, pattern: g.d, possession: m % 2 ? ('home' as const) : undefined })));
for (let i = 0; i < 20_000; i++) inGame.forecast(situations[i % situations.length]!);
const inGameSamples: number[] = [];
for (const s of situations) {
  const started = process.hrtime.bigint();
  inGame.forecast(s);
  inGameSamples.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const ig = summarize(inGameSamples);
const igLoad = summarize(inGameLoads);
const l = summarize(loads);
const metadata = readModel(modelDir).metadata;
const refs = loadDataDir(dataDir).filter((g) => g.season >= metadata.seasons.reference.from && g.season <= metadata.seasons.reference.through).length;
const load = os.loadavg()[0]?.toFixed(1);

console.log(`load first ${ms(firstLoad)} p50 ${ms(l.p50)}, prediction p50 ${ms(p.p50)} p99 ${ms(p.p99)} max ${ms(p.max)}; in-game load p50 ${ms(igLoad.p50)}, forecast p50 ${ms(ig.p50)} p99 ${ms(ig.p99)}`);
writeSection(
  'model',
  'Halftime forecaster',
  `
Model \`${metadata.model_version}\` (components ${metadata.components.join(', ')}), ${refs.toLocaleString('en-US')} reference games for Dejavu,
read from \`minute_diffs.csv\` at start-up. One prediction = season-to-date features, every component,
the ensemble and the conformal interval, exactly what the live pipeline calls; ${p.n.toLocaleString('en-US')} timed
predictions over the games of 2017-18 after 3,000 warm-up calls. Load average during the run: ${load}
(the 2 cores are shared).

| measure | result | bar |
| --- | --- | --- |
| load model + reference games, first in the process | ${ms(firstLoad)} | ≤ 1 s |
| load model + reference games, median of 5 more | ${ms(l.p50)} | |
| one full prediction, p50 | ${ms(p.p50)} | |
| one full prediction, p99 | ${ms(p.p99)} | ≤ 2 ms |
| one full prediction, max | ${ms(p.max)} | |
| \`courtside train\` (through ${metadata.trained_through}), training time recorded by the run | ${metadata.training_seconds.toFixed(0)} s | ≤ 15 min |

The whole-game forecaster (\`${inGame.modelVersion}\`, issue 19): loading it reads \`minute_diffs.csv\` and rates every
game (median of 3: ${ms(igLoad.p50)}); one forecast at the end of a minute (final and halftime quantiles, win probability)
over all 47 minutes of the same games, ${ig.n.toLocaleString('en-US')} timed after 20,000 warm-up calls: p50 ${ms(ig.p50)}, p99 ${ms(ig.p99)},
max ${ms(ig.max)}. What 15 of them per poll cycle cost the cycle is in the cycle bench.
`,
);
