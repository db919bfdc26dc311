/** `courtside train --forecaster in-game`: the whole-game forecaster, with possession from the data folder's play-by-play. */
import { loadPossessions } from '../data/possessions.ts';
import { loadDataDirs } from '../model/data-folders.ts';
import { DATASET_FILE, seasonsOf } from '../model/dataset.ts';
import { writeInGameModel } from '../model/in-game/artifact.ts';
import { trainInGame } from '../model/in-game/training.ts';

/** Trains and writes the model; returns what to tell the user. */
export async function trainInGameCommand(o: { dataDirs: readonly string[]; until?: string | undefined; out: string }): Promise<string> {
  const started = performance.now();
  const { games, sha256 } = loadDataDirs(o.dataDirs);
  const possessions = await loadPossessions(o.dataDirs, seasonsOf(games).filter((s) => o.until === undefined || s <= o.until));
  const readSeconds = (performance.now() - started) / 1000;
  const artifact = trainInGame(games, possessions, { dataFile: { file: DATASET_FILE, sha256 }, ...(o.until === undefined ? {} : { until: o.until }) });
  writeInGameModel(o.out, artifact);
  const m = artifact.metadata;
  return (
    `${m.model_version}: trained on ${m.seasons.train[0]}..${m.seasons.train.at(-1)} (possession from ${m.seasons.possession.join(', ') || 'no season'}), calibrated on ${m.seasons.calibration}, in ${m.training_seconds} s (after ${readSeconds.toFixed(1)} s reading the data and play-by-play)\n` +
    `ratings k ${artifact.ratings.k}, carry-over ${artifact.ratings.carry_over}, home advantage ${artifact.ratings.home_advantage.toFixed(2)}; Brownian baseline sigma ${artifact.brownian_sigma.toFixed(2)}\nwritten to ${o.out}\n`
  );
}
