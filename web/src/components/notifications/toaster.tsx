import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useUser } from '@/lib/auth/get-me';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';
import { toastFor, TOAST_TOPICS, type ToastSpec } from './event-toast';
import './notifications.css';

/** At most this many toasts at once; a further one pushes out the oldest. */
export const MAX_TOASTS = 3;
/** A toast hides itself after this long, counted again from the start after a hover or focus ends. */
export const TOAST_DURATION_MS = 8_000;

type ShownToast = ToastSpec & { id: number };

/**
 * Toasts for the live events that concern the signed-in user (see `toastFor`), in a polite live
 * region: announced without interrupting, dismissible, hidden after a few seconds unless the pointer
 * or the keyboard focus is on them. Mounted once in the app layout while someone is signed in.
 */
export function Toaster() {
  const { t } = useI18n();
  const me = useUser().data;
  const { pathname } = useLocation();
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const nextId = useRef(0);

  // useRealtimeEvents always calls the latest handler, so it sees the current user and page.
  useRealtimeEvents(TOAST_TOPICS, (event) => {
    const spec = me ? toastFor(event, me, pathname) : null;
    if (!spec) {
      return;
    }
    nextId.current += 1;
    const shown = { ...spec, id: nextId.current };
    setToasts((current) => [...current.filter((toast) => toast.key !== spec.key), shown].slice(-MAX_TOASTS));
  });

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);

  return (
    <section className="toaster" aria-label={t('notifications.region')}>
      <ol className="toast-list" aria-live="polite" aria-relevant="additions text">
        {toasts.map((toast) => (
          <Toast key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </ol>
    </section>
  );
}

function Toast({ toast, onDismiss }: { toast: ShownToast; onDismiss: (id: number) => void }) {
  const { t, money } = useI18n();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;

  useEffect(() => {
    if (paused) {
      return undefined;
    }
    const timer = setTimeout(() => onDismiss(toast.id), TOAST_DURATION_MS);
    return () => clearTimeout(timer);
  }, [paused, toast.id, onDismiss]);

  const values: Record<string, string | number> = { ...toast.values };
  Object.entries(toast.money ?? {}).forEach(([name, amount]) => (values[name] = money(amount)));
  Object.entries(toast.labels ?? {}).forEach(([name, key]) => (values[name] = t(key)));
  const text = t(toast.message, values);

  return (
    <li
      className={`toast toast-${toast.tone}`}
      data-testid="toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) {
          setFocused(false);
        }
      }}
    >
      <p className="toast-message">{text}</p>
      <div className="toast-actions">
        {toast.href && toast.linkLabel ? (
          <Link className="toast-link" to={toast.href} onClick={() => onDismiss(toast.id)}>
            {t(toast.linkLabel)}
          </Link>
        ) : null}
        <button
          type="button"
          className="toast-dismiss"
          aria-label={t('notifications.dismiss')}
          title={t('notifications.dismiss')}
          onClick={() => onDismiss(toast.id)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </li>
  );
}
