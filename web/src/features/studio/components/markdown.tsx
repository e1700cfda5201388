import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

type Level = 1 | 2 | 3 | 4 | 5 | 6;

function heading(level: Level) {
  const Tag = `h${level}` as const;
  return function Heading({ children }: { children?: ReactNode }) {
    return <Tag>{children}</Tag>;
  };
}

/** The level of the text's shallowest ATX heading (1 for `#`), outside code blocks; 1 when it has none. */
export function shallowestHeading(markdown: string): number {
  let inFence = false;
  let shallowest = 7;
  for (const line of markdown.split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      inFence = !inFence;
    } else if (!inFence) {
      const match = /^\s{0,3}(#{1,6})(\s|$)/.exec(line);
      if (match) shallowest = Math.min(shallowest, match[1]!.length);
    }
  }
  return shallowest === 7 ? 1 : shallowest;
}

/**
 * Generated Markdown (GFM, no raw HTML), with its headings moved below the page's own: the text's
 * shallowest heading becomes `h{top}`, the next level `h{top + 1}`, down to h6 — so the outline of
 * the page stays right. Code blocks and tables that scroll sideways can be reached with the keyboard.
 */
export function Markdown({ children, top }: { children: string; top: Level }) {
  const shift = top - shallowestHeading(children);
  const at = (depth: number) => heading(Math.max(1, Math.min(6, depth + 1 + shift)) as Level);
  const components: Components = {
    h1: at(0),
    h2: at(1),
    h3: at(2),
    h4: at(3),
    h5: at(4),
    h6: at(5),
    pre: ({ node: _node, ...props }: ComponentPropsWithoutRef<'pre'> & { node?: unknown }) => <pre tabIndex={0} {...props} />,
    table: ({ node: _node, ...props }: ComponentPropsWithoutRef<'table'> & { node?: unknown }) => (
      <div className="markdown-table" tabIndex={0}>
        <table {...props} />
      </div>
    ),
  };
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
