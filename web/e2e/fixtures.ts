import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

type Fixtures = {
  consoleErrors: string[];
  /**
   * Declares an error the test provokes on purpose (a wrong password answered 401). It must then
   * occur, and is not counted as a failure.
   */
  expectConsoleError: (pattern: RegExp) => void;
  /** Another browser (a second user), whose console is watched as well. */
  openContext: () => Promise<BrowserContext>;
  /** A full-page screenshot under test-results/screenshots, and an accessibility audit of the page. */
  shot: (page: Page, name: string) => Promise<void>;
};

const expected = new Map<RegExp, number>();

function watch(context: BrowserContext, errors: string[]): void {
  const attach = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') {
        return;
      }
      const text = `${message.text()} (${message.location().url})`;
      const pattern = [...expected.keys()].find((candidate) => candidate.test(text));
      if (pattern) {
        expected.set(pattern, (expected.get(pattern) ?? 0) + 1);
      } else {
        errors.push(text);
      }
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  };
  context.pages().forEach(attach);
  context.on('page', attach);
}

let shots = 0;

export const test = base.extend<Fixtures>({
  consoleErrors: async ({}, use) => {
    const errors: string[] = [];
    expected.clear();
    await use(errors);
    expect(errors, 'the browser console must stay free of errors').toEqual([]);
    for (const [pattern, seen] of expected) {
      expect(seen, `the expected console error ${pattern} did not occur`).toBeGreaterThan(0);
    }
  },
  expectConsoleError: async ({ consoleErrors }, use) => {
    void consoleErrors;
    await use((pattern) => expected.set(pattern, 0));
  },
  context: async ({ context, consoleErrors }, use) => {
    watch(context, consoleErrors);
    await use(context);
  },
  openContext: async ({ browser, consoleErrors }, use) => {
    const opened: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      watch(context, consoleErrors);
      opened.push(context);
      return context;
    });
    await Promise.all(opened.map((context) => context.close()));
  },
  shot: async ({}, use) => {
    await use(async (page, name) => {
      shots += 1;
      await page.screenshot({
        path: `test-results/screenshots/${String(shots).padStart(2, '0')}-${name}.png`,
        fullPage: true,
      });
      // Every page that is photographed is also checked for WCAG 2.1 A/AA violations (axe-core).
      const audit = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const violations = audit.violations.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
      expect(violations, `accessibility of ${name}`).toEqual([]);
    });
  },
});

export { expect };
