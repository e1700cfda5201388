/**
 * A search snippet as the server sends it: HTML-escaped text whose only markup is `<mark>…</mark>`
 * around the matching words (docs/api.md "Search"). It is parsed into text runs and rendered as React
 * text — never as HTML — so whatever the indexed content holds can never become markup on the page.
 */
export type SnippetPart = { text: string; marked: boolean };

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g;

/** The text an HTML-escaped string stands for; an entity it does not know stays as written. */
export function unescapeHtml(text: string): string {
  return text.replace(ENTITY, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity;
    }
    return NAMED[name] ?? entity;
  });
}

/** The snippet's runs of plain and marked text, adjacent runs of the same kind joined. */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') {
      marked = true;
    } else if (piece === '</mark>') {
      marked = false;
    } else if (piece !== '') {
      const text = unescapeHtml(piece);
      const last = parts[parts.length - 1];
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
  }
  return parts;
}

export function Snippet({ snippet, className }: { snippet: string; className?: string }) {
  return (
    <p className={className ?? 'snippet'}>
      {parseSnippet(snippet).map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </p>
  );
}
