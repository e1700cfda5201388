import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { safeNext } from '../next';
import { SignInForm } from './sign-in-form';

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <div className="auth-card">
      <Page title={t('auth.signInTitle')}>
        <SignInForm
          next={params.get('next')}
          onSuccess={() => navigate(safeNext(params.get('next')) ?? '/catalog', { replace: true })}
        />
      </Page>
    </div>
  );
}
