import { oecdStatusRead, riskRegisterRead, riskRollForwardRead } from '@dd/engine';
import { Problem } from '../http/problem';
import { chooseFormat } from './read-format';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The problem a choice throws (undefined when it throws none). */
function refusal(choose: () => unknown): Problem | undefined {
  try {
    choose();
  } catch (error) {
    return error as Problem;
  }
  return undefined;
}

describe('choosing the format of a read (?format= and Accept)', () => {
  it('given no format and no Accept, or */*, then JSON', () => {
    expect(chooseFormat(riskRegisterRead, undefined, undefined)).toBe('json');
    expect(chooseFormat(riskRegisterRead, undefined, '*/*')).toBe('json');
  });

  it('given ?format=, then it wins over Accept', () => {
    expect(chooseFormat(riskRegisterRead, 'xlsx', 'text/csv')).toEqual({ name: 'xlsx' });
    expect(chooseFormat(riskRegisterRead, 'json', 'text/csv')).toBe('json');
  });

  it('given Accept naming a rendering, then that rendering; the highest q wins; JSON on a tie', () => {
    expect(chooseFormat(riskRegisterRead, undefined, 'text/csv')).toEqual({ name: 'csv' });
    expect(chooseFormat(riskRegisterRead, undefined, XLSX)).toEqual({ name: 'xlsx' });
    expect(chooseFormat(riskRegisterRead, undefined, `text/csv;q=0.4, ${XLSX};q=0.9, application/json;q=0.5`)).toEqual({ name: 'xlsx' });
    expect(chooseFormat(riskRegisterRead, undefined, 'text/csv, application/json')).toBe('json');
  });

  it('given a browser’s Accept, then the page where the read has one, else JSON', () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    expect(chooseFormat(riskRollForwardRead, undefined, browser)).toEqual({ name: 'html' });
    expect(chooseFormat(riskRegisterRead, undefined, browser)).toBe('json');
  });

  it('given an Accept that allows nothing the read has, then 406', () => {
    expect(refusal(() => chooseFormat(riskRegisterRead, undefined, 'application/xml'))).toMatchObject({ status: 406 });
    expect(refusal(() => chooseFormat(riskRegisterRead, undefined, 'text/csv;q=0'))).toMatchObject({ status: 406 });
  });

  it('given a format the read has not, then 400 naming format and what it has', () => {
    expect(refusal(() => chooseFormat(oecdStatusRead, 'csv', undefined))).toMatchObject({
      status: 400,
      errors: [{ path: 'format', message: '/oecd-status answers JSON only (format=json)' }],
    });
    expect(refusal(() => chooseFormat(riskRegisterRead, ['csv', 'xlsx'], undefined))).toMatchObject({ status: 400 });
  });
});
