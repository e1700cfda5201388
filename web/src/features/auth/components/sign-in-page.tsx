import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { SignInForm } from './sign-in-form';

/** Only same-app paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <div className="auth-card">
      <Page title={t('auth.signInTitle')}>
        <SignInForm onSuccess={() => navigate(safeNext(params.get('next')), { replace: true })} />
      </Page>
    </div>
  );
}
