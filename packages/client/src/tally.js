export function nightTally(games) {
    let forecasts = 0;
    let settled = 0;
    let covered = 0;
    let absError = 0;
    for (const g of games) {
        if (g.prediction || g.halftime?.forecast)
            forecasts += 1;
        if (g.halftime?.error == null || g.halftime.covered == null)
            continue;
        settled += 1;
        if (g.halftime.covered)
            covered += 1;
        absError += Math.abs(g.halftime.error);
    }
    return { forecasts, settled, covered, mae: settled ? absError / settled : null };
}
//# sourceMappingURL=tally.js.map