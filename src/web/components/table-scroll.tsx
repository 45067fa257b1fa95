import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroll box. It is a labelled region that takes keyboard focus, so a
 * keyboard user can scroll it (WCAG 2.1.1; axe rule scrollable-region-focusable).
 */
export function TableScroll({
  label,
  busy,
  children,
}: {
  label: string;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={label} aria-busy={busy || undefined} tabIndex={0}>
      {children}
    </section>
  );
}
