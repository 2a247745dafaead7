/** axe-core run inside a real extension page, for the browser and end-to-end suites. */
import { createRequire } from 'node:module';
import type { BrowserPage } from '../../../browser/driver';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core in the real page (colour contrast included), serious and critical findings only. */
export async function seriousViolations(page: BrowserPage): Promise<Violation[]> {
  await page.addScript(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    // Only the extension's own document: the embeds are Twitch's pages, with no axe in them.
    return axe.run(document, { iframes: false });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
