import { writeJsonStreamed } from './streamed-json';

async function streamed(head: Record<string, unknown>, items: unknown[]): Promise<{ text: string; writes: number }> {
  const chunks: string[] = [];
  async function* one() {
    yield* items;
  }
  await writeJsonStreamed(head, 'periods', one(), (lines) => chunks.push(`${lines}\n`));
  return { text: chunks.join(''), writes: chunks.length };
}

describe('JSON written item by item', () => {
  const head = { asOf: '2025-06-30', position: 1234, source: 'history' };
  const period = (year: number) => ({
    period: year,
    riskRegister: [{ riskId: `R-${year}`, note: 'a "quoted"\nmulti-line\tnote', nested: { list: [1, 2, { deep: null }], empty: {} } }],
    oecdStatus: { steps: [], missing: [] },
  });

  it.each([
    ['no item', []],
    ['one item', [period(2024)]],
    ['three items', [period(2023), period(2024), period(2025)]],
    ['items that are not objects', [1, 'two', null, [3, [4]]]],
  ])('given %s, then the bytes are those of JSON.stringify of the whole, with a newline', async (_, items) => {
    const { text } = await streamed(head, items);
    expect(text).toBe(`${JSON.stringify({ ...head, periods: items }, null, 2)}\n`);
  });

  it('given three items, then each is written once the next comes (the head, one write per item, the close)', async () => {
    expect((await streamed(head, [period(2023), period(2024), period(2025)])).writes).toBe(5);
  });
});
