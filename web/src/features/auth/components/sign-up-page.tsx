import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { safeNext } from '../next';
import { SignUpForm } from './sign-up-form';

export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  return (
    <div className="auth-card">
      <Page title={t('auth.signUpTitle')}>
        <p className="lead">{t('auth.signUpLead')}</p>
        <SignUpForm next={next} onSuccess={() => navigate(safeNext(next) ?? '/me', { replace: true })} />
      </Page>
    </div>
  );
}
