import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { resultPath } from './result-link';
import { parseSnippet, Snippet, unescapeHtml } from './snippet';

describe('a search snippet', () => {
  it('splits the marked words from the rest and reads the escaped text', () => {
    expect(parseSnippet('Plan a <mark>landing</mark> <mark>zone</mark> &amp; its &quot;networks&quot;')).toEqual([
      { text: 'Plan a ', marked: false },
      { text: 'landing', marked: true },
      { text: ' ', marked: false },
      { text: 'zone', marked: true },
      { text: ' & its "networks"', marked: false },
    ]);
    expect(unescapeHtml('&lt;b&gt; &#x27;a&#x2F;b&#39; &#12354; &bogus; &#xD800;')).toBe("<b> 'a/b' あ &bogus; &#xD800;");
  });

  it('shows markup in the indexed text as text: nothing but <mark> ever becomes an element', () => {
    const { container } = render(
      <Snippet snippet={'&lt;img src=x onerror=alert(1)&gt; <mark>matcha</mark> <script>alert(2)</script> <b>bold</b>'} />,
    );

    expect(container.querySelectorAll('img, script, b')).toHaveLength(0);
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['matcha']);
    expect(container).toHaveTextContent('<img src=x onerror=alert(1)> matcha <script>alert(2)</script> <b>bold</b>');
  });

  it('marks a match that spans escaped characters as one run', () => {
    render(<Snippet snippet="<mark>R&amp;D</mark> budget" />);

    expect(screen.getByText('R&D').tagName).toBe('MARK');
  });
});

describe('the page of a found source', () => {
  const id = '0b6f7f0e-4a43-4a7b-8d0a-5d8f0f7f1a01';

  it('opens a course at the lesson, a document or an upload at the section, a product in the catalog', () => {
    expect(resultPath({ type: 'course', id, lesson: { module: 2, lesson: 3, title: 'Peering' }, section: null })).toBe(
      `/studio/jobs/${id}?module=2&lesson=3`,
    );
    expect(resultPath({ type: 'course', id, lesson: null, section: null })).toBe(`/studio/jobs/${id}`);
    expect(resultPath({ type: 'document', id, lesson: null, section: { number: 4, heading: 'Pricing' } })).toBe(
      `/studio/jobs/${id}?section=4`,
    );
    expect(resultPath({ type: 'upload', id, lesson: null, section: { number: 1, heading: null } })).toBe(
      `/library/uploads/${id}?section=1`,
    );
    expect(resultPath({ type: 'product', id, lesson: null, section: null })).toBe(`/catalog/${id}`);
    expect(resultPath({ type: 'video', id, lesson: null, section: null })).toBeNull();
  });
});
