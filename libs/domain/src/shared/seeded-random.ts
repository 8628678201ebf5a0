/**
 * Deterministic pseudo-random numbers in [0, 1) (mulberry32): the same sequence for the same seed, so a
 * synthetic log or a demo year is the same on every run, and a spec over random operations that fails
 * names a seed that fails again. One generator for the whole repository, not one per file.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
