/** `--data DIR`, given once or several times: the folders are read as one dataset. */
import { Option } from 'commander';

export function dataOption(): Option {
  return new Option('--data <dir>', 'an NBA dataset folder; repeat to merge several, e.g. --data ../shared/nba --data data/nba (default: $NBA_DATA_DIR, else ../shared/nba beside the checkout)')
    .argParser((dir: string, dirs: string[] | undefined) => [...(dirs ?? []), dir]);
}
