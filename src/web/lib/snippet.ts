/** One piece of a highlighted snippet: plain text, or a match the server marked. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Undo the server's HTML escaping (named entities it emits, and numeric ones). */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Split the search API's snippet (escaped text with `<mark>…</mark>` around matches) into parts
 * React renders as text and <mark> elements: no HTML is ever injected. Any other tag-like text
 * stays literal text; an unclosed mark runs to the end.
 */
export function parseSnippet(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (raw: string, mark: boolean) => {
    if (raw === '') return;
    const text = unescapeHtml(raw);
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  let rest = html;
  let open = false;
  while (rest.length > 0) {
    const tag = open ? '</mark>' : '<mark>';
    const at = rest.indexOf(tag);
    if (at < 0) {
      push(rest, open);
      break;
    }
    push(rest.slice(0, at), open);
    rest = rest.slice(at + tag.length);
    open = !open;
  }
  return parts;
}
