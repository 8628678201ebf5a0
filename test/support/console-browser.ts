import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshotPath } from './screenshots';

const ROOT = join(__dirname, '..', '..');
const AXE = require.resolve('axe-core/axe.min.js');

/** Bundles apps/web as `npm run build` does, so the browser suite tests the console's sources as they are. */
export function buildConsole(): void {
  const built = spawnSync(process.execPath, [join(ROOT, 'apps', 'web', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`apps/web/build.mjs failed: ${built.stderr || built.stdout}`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/**
 * One browser tab on the console, recording what must not happen: a console error, an uncaught
 * exception, a request to another origin (everything the console needs comes from its own server).
 */
export class ConsoleTab {
  readonly problems: string[] = [];
  readonly foreignRequests: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly origin: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.problems.push(error.message));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.origin !== this.origin) this.foreignRequests.push(request.url());
    });
  }

  /** axe-core is injected as a script, which the console's CSP refuses: the tab bypasses CSP only for that. */
  static async open(browser: Browser, origin: string, viewport = { width: 1280, height: 900 }): Promise<ConsoleTab> {
    // UTC: the as-of picker shows the browser's local time, and the specs compare it with the API's instants.
    const context = await browser.newContext({ viewport, bypassCSP: true, acceptDownloads: true, timezoneId: 'UTC' });
    const page = await context.newPage();
    return new ConsoleTab(context, page, origin);
  }

  /** Opens a console route (`/risks?period=2024`) and waits for the page's heading and for loading to finish. */
  async go(route: string, heading: string | RegExp): Promise<void> {
    await this.page.goto(`${this.origin}/console/#${route}`);
    await this.settled(heading);
  }

  async settled(heading: string | RegExp): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    // In the page's own terms (this file is compiled without the DOM library).
    await this.page.waitForFunction('!document.querySelector(".loading")');
  }

  /** The text of each `data-figure` element, by name. */
  async figures(): Promise<Record<string, string>> {
    return (await this.page.evaluate(
      'Object.fromEntries([...document.querySelectorAll("[data-figure]")].map((element) => [element.getAttribute("data-figure"), element.textContent.trim()]))',
    )) as Record<string, string>;
  }

  async seriousViolations(): Promise<AxeViolation[]> {
    await this.page.addScriptTag({ path: AXE });
    const violations = await this.page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run((globalThis as unknown as { document: unknown }).document)).violations;
    });
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  }

  /** Whether the page fits its width (tables scroll inside their own box, the page itself does not). */
  async fitsWidth(): Promise<boolean> {
    return (await this.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) as boolean;
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(`console-${name}.png`), fullPage: true });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
