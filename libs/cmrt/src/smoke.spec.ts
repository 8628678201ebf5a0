import { readCmrt } from './read-cmrt';
import { cmrtFiles } from './test-support/cmrt-files';
it('smoke', () => {
  const files = cmrtFiles()!;
  for (const name of ['JX', 'Central Glass'] as const) {
    const t = performance.now();
    const r = readCmrt(files.sample(name));
    console.log(name, performance.now() - t, JSON.stringify(r, null, 1).slice(0, 200000));
  }
});
