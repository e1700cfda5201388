import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { SEARCH_QUERY_MAX } from '@/api/search';
import { useI18n } from '@/lib/i18n/i18n-provider';

/** True while the user types somewhere: the `/` shortcut must not steal their keystroke. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The search box of every page's header: a labelled search landmark that opens the results page
 * (`/search?q=…`, keeping the kinds chosen there). `/` anywhere outside a text field puts the cursor in
 * it. On the results page it shows the query being looked at.
 */
export function HeaderSearch() {
  const { t } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const onResults = location.pathname === '/search';
  const current = onResults ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  // Another query in the address (the back button, a link) replaces what the box shows.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setValue(current);
  }
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
        event.preventDefault();
        input.current?.focus();
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = value.trim();
    if (q === '') {
      input.current?.focus();
      return;
    }
    const next = new URLSearchParams({ q });
    const types = onResults ? params.get('types') : null;
    if (types) next.set('types', types);
    void navigate(`/search?${next.toString()}`);
  }

  return (
    <form role="search" className="header-search" aria-label={t('search.box.landmark')} onSubmit={submit}>
      <label htmlFor={`${id}-q`} className="visually-hidden">
        {t('search.box.label')}
      </label>
      <input
        ref={input}
        id={`${id}-q`}
        type="search"
        name="q"
        value={value}
        maxLength={SEARCH_QUERY_MAX}
        placeholder={t('search.box.placeholder')}
        aria-keyshortcuts="/"
        autoComplete="off"
        enterKeyHint="search"
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="header-search-submit">
        <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="18" height="18">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12.8 12.8 17 17" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="visually-hidden">{t('search.box.submit')}</span>
      </button>
    </form>
  );
}
