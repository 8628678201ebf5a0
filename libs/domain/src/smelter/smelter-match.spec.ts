import { ReferenceIndex } from './reference-index';
import { matchSmelterRow } from './smelter-match';
import { nameSimilarity, normaliseSmelterName } from './smelter-name';

const reference = new ReferenceIndex(
  [
    { metal: 'gold', lookupName: 'Dowa', standardName: 'DOWA Metals & Mining Co., Ltd.', country: 'JAPAN', smelterId: 'CID000401' },
    { metal: 'tin', lookupName: 'Dowa', standardName: 'Dowa', country: 'JAPAN', smelterId: 'CID000402' },
    { metal: 'tin', lookupName: 'Fenix Metals', standardName: 'Fenix Metals', country: 'POLAND', smelterId: 'CID002309' },
    { metal: 'tin', lookupName: 'Metallo Belgium N.V.', standardName: 'Metallo Belgium N.V.', country: 'BELGIUM', smelterId: 'CID002773' },
    { metal: 'tin', lookupName: 'Smelter not listed', standardName: '', country: '' },
  ],
  '2025-03-05',
);

describe('matching a Smelter List row to an RMI smelter id', () => {
  it('(1) takes the CID given, and says when its metal or name disagree', () => {
    expect(matchSmelterRow({ metal: 'tin', lookupName: 'Fenix Metals', smelterId: 'CID002309' }, 0, reference)).toMatchObject({
      status: 'matched',
      method: 'cid',
      smelterId: 'CID002309',
      problems: [],
    });
    expect(matchSmelterRow({ metal: 'tin', smelterId: 'CID000401' }, 0, reference).problems).toEqual([
      'CID000401 is a gold smelter, the row says tin',
    ]);
    expect(matchSmelterRow({ metal: 'tin', lookupName: 'Dowa', smelterId: 'CID002309' }, 0, reference).problems).toEqual([
      'the name "Dowa" is CID000402, not CID002309',
    ]);
  });

  it('(1) notes a CID that is not on the reference list, then falls back to the name', () => {
    const match = matchSmelterRow({ metal: 'tin', lookupName: 'Fenix Metals', smelterId: 'CID009999' }, 3, reference);
    expect(match).toMatchObject({ status: 'matched', method: 'alias', smelterId: 'CID002309', row: 8 });
    expect(match.problems).toEqual(['CID009999 is not on the reference list of 2025-03-05']);
  });

  it('(2) matches (metal, alias) exactly after case, accent and whitespace normalisation — per metal', () => {
    expect(matchSmelterRow({ metal: 'gold', lookupName: '  DOWA ' }, 0, reference).smelterId).toBe('CID000401');
    expect(matchSmelterRow({ metal: 'tin', lookupName: 'dowa' }, 0, reference).smelterId).toBe('CID000402');
    expect(matchSmelterRow({ metal: 'tin', lookupName: 'Smelter not listed', name: 'Fénix   Metals' }, 0, reference).smelterId).toBe(
      'CID002309',
    );
  });

  it('(3) ranks candidates for a person when nothing matches exactly; unresolved when nothing is close', () => {
    const match = matchSmelterRow({ metal: 'tin', lookupName: 'Smelter not listed', name: 'Metallo Belgium' }, 0, reference);
    expect(match.status).toBe('needs-confirmation');
    expect(match.candidates[0]).toMatchObject({ smelterId: 'CID002773' });
    expect(matchSmelterRow({ metal: 'tin', lookupName: 'Smelter not listed', name: 'Acme Foundry' }, 0, reference).status).toBe(
      'unresolved',
    );
  });

  it('keeps "Smelter not yet identified" visible as unidentified', () => {
    expect(matchSmelterRow({ metal: 'gold', lookupName: 'Smelter not yet identified' }, 0, reference).status).toBe('unidentified');
  });

  it('normalises names without losing punctuation', () => {
    expect(normaliseSmelterName(' Fénix\tMetals ')).toBe('fenix metals');
    expect(nameSimilarity('Metallo Belgium', 'Metallo Belgium N.V.')).toBe(1);
  });
});
