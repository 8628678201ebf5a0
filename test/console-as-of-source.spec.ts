import { AS_OF_REPLAY_REASON_WORDS, AS_OF_REPLAY_REASONS } from '@dd/projections';
import { asOfSourceSentence, REPLAY_REASON_WORDS } from '../apps/web/src/as-of-source';

/**
 * The console's as-of banner says how a page shown as of a past point was answered, in its own words
 * for the server's X-As-Of-Source header (apps/web/src/as-of-source.ts, bundled without the engine).
 * This keeps those words the engine's: a replay reason added to the engine fails here until the
 * console can say it.
 */
describe('the as-of banner says how the answer was had', () => {
  it('has words for every reason the engine replays for, the same the CLI says', () => {
    expect(Object.keys(REPLAY_REASON_WORDS).sort()).toEqual([...AS_OF_REPLAY_REASONS].sort());
    expect(REPLAY_REASON_WORDS).toEqual(AS_OF_REPLAY_REASON_WORDS);
  });

  it("given reads answered from history, says so: from the read models' history", () => {
    expect(asOfSourceSentence(['history', 'history'])).toBe("From the read models' history.");
  });

  it('given a replay, says the log was replayed and why, in words rather than the header’s code', () => {
    expect(asOfSourceSentence(['replay; reason=business-time'])).toBe(
      'Replayed from the log (what was true then may have been recorded only later).',
    );
    expect(asOfSourceSentence(['replay; reason=history-off; since=12'])).toBe(
      'Replayed from the log (the read models have kept no history since log position 12).',
    );
    expect(asOfSourceSentence(['replay; reason=history-not-that-old'])).toBe(
      "Replayed from the log (the read models' history does not reach back that far).",
    );
  });

  it('given reads of one page answered differently, names each way', () => {
    expect(asOfSourceSentence(['history', 'replay; reason=no-read-model-file'])).toBe(
      "Partly from the read models' history, partly replayed from the log (the read models are kept in memory).",
    );
  });

  it('given no answer yet, or a header it does not know, says nothing it cannot stand behind', () => {
    expect(asOfSourceSentence([])).toBeNull();
    expect(asOfSourceSentence(['cache'])).toBeNull();
    // A reason the console has no words for yet is shown as the server spelled it.
    expect(asOfSourceSentence(['replay; reason=something-new'])).toBe('Replayed from the log (something-new).');
  });
});
