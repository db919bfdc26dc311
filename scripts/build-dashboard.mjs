// The dashboard half of `npm run build`, from the compiled build: Vite builds web/dist when it holds
// none yet (as before, on first use; `npm run build:web` rebuilds it after a change to web/).
import { ensureDashboardBuilt } from '../dist/src/web/build.js';

await ensureDashboardBuilt();
