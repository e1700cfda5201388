import { Link, useNavigate } from 'react-router';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useCreatePolicy } from '../api/policies';
import { PolicyForm } from './policy-form';
import { emptyPolicy } from './policy-form-schema';

export function NewPolicyPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreatePolicy();
  return (
    <Page title={t('policies.createTitle')}>
      <p>
        <Link to="/admin/policies" className="back-link">
          {t('policies.backToList')}
        </Link>
      </p>
      <PolicyForm
        defaultValues={emptyPolicy()}
        submitLabel={t('policies.form.create')}
        onSave={async (input) => {
          const policy = await create.mutateAsync(input);
          void navigate(`/admin/policies/${policy.id}`, { state: { notice: 'created' } });
        }}
      />
    </Page>
  );
}
