/** axe-core on a page, with the WCAG 2.2 AA tags of /work/shared/design/PAGES.md's accessibility checklist. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** `target-size` (WCAG 2.5.8) only runs with `wcag22aa`. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe on the page as it is now. Throws, listing each offending element, when any violation is
 * serious or critical; returns the minor and moderate ones for the test to print (`formatViolations`).
 */
export async function scanAccessibility(page: Page, label: string): Promise<Violation[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const blocking = violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
  if (blocking.length > 0) {
    throw new Error(`axe on ${label} (${page.url()}): ${blocking.length} serious or critical violation(s)\n${formatViolations(blocking)}`);
  }
  return violations.filter((violation) => !BLOCKING.has(violation.impact ?? ''));
}

/** One line per element: rule id, impact, CSS target, then axe's summary of what to fix. */
export function formatViolations(violations: Violation[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const summary = (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim();
        return `- ${violation.id} (${node.impact ?? violation.impact ?? 'unknown'}) ${node.target.join(' ')}: ${summary} [${violation.helpUrl}]`;
      }),
    )
    .join('\n');
}
