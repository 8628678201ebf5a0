import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cmrtFiles } from './test-support/cmrt-files';
import { FIXTURES_DIR, TEMPLATE_FIXTURES, fixturePath } from './test-support/template-fixtures';

/**
 * The committed fixtures are exactly what their recipe makes of the RMI blanks (so CI, which has
 * no ../shared, reads real layouts that anyone can re-derive), and each stays under 1 MB.
 */
const files = cmrtFiles();

describe('committed template fixtures', () => {
  it.each(TEMPLATE_FIXTURES.map((fixture) => [fixture.file, fixture] as const))('%s is under 1 MB', (_name, fixture) => {
    expect(statSync(fixturePath(fixture)).size).toBeLessThan(1024 * 1024);
  });

  (files ? it.each : it.skip.each)(TEMPLATE_FIXTURES.map((fixture) => [fixture.file, fixture] as const))(
    '%s is its recipe applied to the RMI blank',
    (_name, fixture) => {
      const built = fixture.build(files!.template(fixture.from));
      if (process.env.WRITE_TEMPLATE_FIXTURES === '1') {
        mkdirSync(FIXTURES_DIR, { recursive: true });
        writeFileSync(fixturePath(fixture), built);
      }
      expect(Buffer.compare(Buffer.from(built), readFileSync(fixturePath(fixture)))).toBe(0);
    },
  );
});
