import { parseSnippet } from '../lib/snippet.ts';

/** The server's highlighted snippet as text and <mark> elements (never as injected HTML). */
export function HighlightedSnippet({ html, className }: { html: string; className?: string }) {
  const parts = parseSnippet(html);
  if (parts.length === 0) return null;
  return (
    <p className={className}>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
        p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </p>
  );
}
