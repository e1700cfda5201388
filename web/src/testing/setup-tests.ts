import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { session } from '@/lib/auth/session';

// findBy…/waitFor give up after 4 s, not 1 s: on a shared, busy build machine the first render of a
// page (cold modules, a lazy chunk) can take over a second without anything being wrong.
configure({ asyncUtilTimeout: 4_000 });

// jsdom lays nothing out and does not scroll; the app's scrolling calls must still exist.
Element.prototype.scrollIntoView = function scrollIntoView() {};
window.scrollTo = () => {};

afterEach(async () => {
  // Unmount first, so ending the session does not update components outside act().
  cleanup();
  await session.clear();
  window.localStorage.clear();
  window.sessionStorage.clear();
});
