import { inFlight } from './in-flight';

/** A promise and the hands that settle it, to hold work under way until the spec lets it go. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('work on many items, a few at a time', () => {
  it('has at most `limit` items under way, and does every item', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inFlight([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running++;
      most = Math.max(most, running);
      await turn();
      done.push(item);
      running--;
    });
    expect(most).toBe(3);
    expect([...done].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('given a failure, starts nothing more, waits for the work under way, then throws the first failure', async () => {
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const finished: number[] = [];
    const all = inFlight([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      await gates[item].promise;
      finished.push(item);
    });
    await turn();
    expect(started).toEqual([0, 1]);
    gates[0].fail(new Error('refused'));
    await turn();
    // Item 1 is still under way: the import does not answer before it settles.
    let settled = false;
    void all.catch(() => (settled = true));
    await turn();
    expect(settled).toBe(false);
    gates[1].open();
    await expect(all).rejects.toThrow('refused');
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([1]);
  });
});
