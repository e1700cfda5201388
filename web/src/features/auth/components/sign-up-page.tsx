import { useNavigate } from 'react-router';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { SignUpForm } from './sign-up-form';

export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="auth-card">
      <Page title={t('auth.signUpTitle')}>
        <p className="lead">{t('auth.signUpLead')}</p>
        <SignUpForm onSuccess={() => navigate('/me', { replace: true })} />
      </Page>
    </div>
  );
}
