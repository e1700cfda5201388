import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api } from '@/lib/api-client';
import { session } from './session';
import { userSchema, type User } from './user';

export function getMe(signal?: AbortSignal): Promise<User> {
  return api.get('/api/auth/me', { schema: userSchema, ...(signal ? { signal } : {}) });
}

export const meQueryKey = ['auth', 'me'] as const;

export function getMeQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 60_000,
  });
}

/** True while a refresh token is held (signed in, perhaps needing a refresh after a reload). */
export function useSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, session.isSignedIn);
}

/** The signed-in user, from `/api/auth/me`; disabled while signed out. */
export function useUser() {
  const signedIn = useSignedIn();
  return useQuery({ ...getMeQueryOptions(), enabled: signedIn });
}
