import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('given a burst of 3 and 6 a minute, when a key takes 4, then the 4th waits 10 s and the key is allowed again after them', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 6, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(10);
    now += 10_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
  });

  it('keeps keys apart: one exhausted key does not limit another', () => {
    const buckets = new TokenBuckets(1, 1, () => 0);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
    expect(buckets.take('b')).toBe(0);
  });

  it('forgets the longest-idle keys beyond its bound (a forgotten key starts full)', () => {
    const buckets = new TokenBuckets(1, 1, () => 0, 2);
    buckets.take('a');
    buckets.take('b');
    buckets.take('c');
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('c')).toBeGreaterThan(0);
  });
});
