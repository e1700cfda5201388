import { api } from '@/lib/api-client';
import { session } from '@/lib/auth/session';

/** Revokes the session on the server; the tab forgets it even when the server cannot be reached. */
export async function logout(): Promise<void> {
  try {
    const refreshToken = await session.refreshToken();
    if (refreshToken !== null) {
      await api.post<void>('/api/auth/logout', { refreshToken }, { auth: 'none' });
    }
  } finally {
    await session.clear();
  }
}
