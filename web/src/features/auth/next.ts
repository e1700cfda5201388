/**
 * Where a customer goes after signing in or up: the page they were sent away from (`?next=`), kept
 * when they switch between the two forms. Only same-app paths are followed, never another origin.
 */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

/** `path`, carrying `next` along when there is one. */
export function withNext(path: string, next: string | null): string {
  const target = safeNext(next);
  return target === null ? path : `${path}?next=${encodeURIComponent(target)}`;
}
