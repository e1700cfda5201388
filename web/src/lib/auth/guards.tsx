import { useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useSignedIn, useUser } from './get-me';
import { hasRole, type Role } from './user';

/** Shows its children to signed-in users (with the role, if one is named); sends others to sign in. */
export function RequireAuth({ children, role }: { children: ReactNode; role?: Role }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  const user = useUser();
  const { t } = useI18n();

  if (!signedIn) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.isPending) {
    return <Spinner label={t('common.loading')} />;
  }
  if (user.isError) {
    return <Alert tone="error">{user.error.message}</Alert>;
  }
  if (role && !hasRole(user.data, role)) {
    return (
      <Alert tone="error" title={t('errors.forbidden.title')}>
        {t('errors.forbidden.body')}
      </Alert>
    );
  }
  return children;
}

/**
 * Sends a user who opens the sign-in or sign-up page while already signed in to the start page.
 * Only on arrival: signing in on the page itself is followed by the form's own navigation.
 */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const [signedInOnArrival] = useState(signedIn);
  if (signedInOnArrival) {
    return <Navigate to="/" replace />;
  }
  return children;
}
