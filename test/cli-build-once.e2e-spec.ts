import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run cli` builds only when a source is newer than the last build: an operator's loop of a
 * hundred calls pays for one build. Run on a throwaway project whose `build` script counts its runs.
 */
describe('the CLI is built once, not on every call', () => {
  const script = join(__dirname, '..', 'scripts', 'build-if-stale.js');
  let project: string;
  const builds = () => readFileSync(join(project, 'builds.txt'), 'utf8').trim().split('\n').filter(Boolean).length;
  const run = () => {
    const result = spawnSync(process.execPath, [script], { env: { ...process.env, BUILD_ROOT: project }, encoding: 'utf8' });
    expect(result.status).toBe(0);
  };

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'dd-build-once-'));
    mkdirSync(join(project, 'libs', 'domain'), { recursive: true });
    mkdirSync(join(project, 'apps', 'cli'), { recursive: true });
    writeFileSync(join(project, 'libs', 'domain', 'index.ts'), 'export const a = 1;\n');
    writeFileSync(join(project, 'apps', 'cli', 'main.ts'), 'export const b = 2;\n');
    writeFileSync(join(project, 'builds.txt'), '');
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'fixture',
        private: true,
        scripts: { build: "node -e \"require('fs').appendFileSync('builds.txt', 'built\\n')\"" },
      }),
    );
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('given no build yet, when the CLI is called ten times, then it builds once', () => {
    for (let call = 0; call < 10; call++) run();
    expect(builds()).toBe(1);
  });

  it('given a build, when a source changes, then the next call builds again and the one after does not', () => {
    run();
    // The build happened ten seconds ago; the source was saved five seconds ago.
    const now = Date.now() / 1000;
    utimesSync(join(project, 'dist', '.build-stamp'), now - 10, now - 10);
    utimesSync(join(project, 'libs', 'domain', 'index.ts'), now - 5, now - 5);
    run();
    run();
    expect(builds()).toBe(2);
  });

  it('given a build, when a template copied beside the code changes, then the next call builds again', () => {
    const templates = join(project, 'libs', 'domain', 'templates');
    mkdirSync(templates);
    writeFileSync(join(templates, 'message.text.hbs'), 'Dear {{name}},\n');
    run();
    const now = Date.now() / 1000;
    utimesSync(join(project, 'dist', '.build-stamp'), now - 10, now - 10);
    utimesSync(join(project, 'libs', 'domain', 'index.ts'), now - 20, now - 20);
    utimesSync(join(project, 'apps', 'cli', 'main.ts'), now - 20, now - 20);
    utimesSync(join(templates, 'message.text.hbs'), now - 5, now - 5);
    run();
    expect(builds()).toBe(2);
  });
  it('given a build, when a browser console source changes (a .tsx page, its stylesheet), then the next call builds again', () => {
    const web = join(project, 'apps', 'web', 'src');
    mkdirSync(web, { recursive: true });
    writeFileSync(join(web, 'overview.tsx'), 'export const Overview = () => null;\n');
    writeFileSync(join(web, 'console.css'), 'body { margin: 0; }\n');
    run();
    const now = Date.now() / 1000;
    utimesSync(join(project, 'dist', '.build-stamp'), now - 10, now - 10);
    for (const file of [join(project, 'libs', 'domain', 'index.ts'), join(project, 'apps', 'cli', 'main.ts'), join(web, 'overview.tsx')])
      utimesSync(file, now - 20, now - 20);
    utimesSync(join(web, 'console.css'), now - 5, now - 5);
    run();
    run();
    expect(builds()).toBe(2);
  });
});
