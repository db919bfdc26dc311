// `--import` this into a process under test (NODE_OPTIONS) to learn what it loaded: every module URL
// it resolves, and its execArgv, go to $COURTSIDE_MODULE_LOG as `<main script>\t<url>` lines.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';

const file = process.env.COURTSIDE_MODULE_LOG;
if (file) {
  const main = process.argv[1] ?? '';
  appendFileSync(file, `${main}\texecArgv ${JSON.stringify(process.execArgv)}\n`);
  register(new URL('./module-log-hooks.mjs', import.meta.url), { data: { file, main } });
}
