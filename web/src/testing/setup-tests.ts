import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { session } from '@/lib/auth/session';

afterEach(async () => {
  // Unmount first, so ending the session does not update components outside act().
  cleanup();
  await session.clear();
  window.localStorage.clear();
  window.sessionStorage.clear();
});
