import { IMPACTS, LIKELIHOODS, RISK_CATEGORIES, RISK_SEVERITIES, RMAP_STATUSES } from '@dd/domain';
import { RISK_STATUSES } from '@dd/projections';
import * as consoleWords from '../apps/web/src/risk-vocabulary';

/**
 * The console is bundled for the browser without zod or the engine, so it spells the domain's words
 * (risk categories, severities, statuses, RMAP statuses) in a file of its own. This keeps that file
 * the domain's: a word added to or renamed in the domain fails here until the console knows it.
 */
describe("the console's words are the domain's", () => {
  const same = (ours: readonly string[], theirs: readonly string[]) => expect([...ours].sort()).toEqual([...theirs].sort());

  it('risk categories, severities, likelihoods, impacts and register statuses', () => {
    same(consoleWords.RISK_CATEGORIES, RISK_CATEGORIES);
    same(consoleWords.RISK_SEVERITIES, RISK_SEVERITIES);
    same(consoleWords.LIKELIHOODS, LIKELIHOODS);
    same(consoleWords.IMPACTS, IMPACTS);
    same(consoleWords.RISK_STATUSES, RISK_STATUSES);
  });

  it("RMAP statuses, and the register's 'not-enrolled' for a smelter on no status list", () => {
    same(consoleWords.RMAP_STATUSES, [...RMAP_STATUSES, 'not-enrolled']);
  });
});
