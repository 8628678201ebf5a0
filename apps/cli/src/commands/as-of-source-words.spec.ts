import { howAnswered } from './as-of-source-words';

describe("the report line's words for how a document as of a past point was had", () => {
  it('says nothing for a document of now', () => {
    expect(howAnswered(undefined)).toBe('');
  });

  it("given the read models' history, says so", () => {
    expect(howAnswered({ kind: 'history' })).toBe("; from the read models' history");
  });

  it('given a replay, says why in words, not by the header’s code', () => {
    expect(howAnswered({ kind: 'replay', reason: 'business-time' })).toBe(
      '; replayed from the log (what was true then may have been recorded only later)',
    );
    expect(howAnswered({ kind: 'replay', reason: 'history-not-that-old' })).toBe(
      "; replayed from the log (the read models' history does not reach back that far)",
    );
    expect(howAnswered({ kind: 'replay', reason: 'history-off', historyOffSince: 12 })).toBe(
      '; replayed from the log (the read models have kept no history since log position 12)',
    );
  });
});
