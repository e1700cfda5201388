import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { usePolicy, useReplacePolicy } from '../api/policies';
import { PolicyForm } from './policy-form';
import { formValuesOf } from './policy-form-schema';

type Conflict = { yours: number; current: number | undefined };

/**
 * Edits a policy as a full replacement at the version read. When someone else saved in between,
 * the save is refused (409 version_conflict): the page says so and offers to load their version.
 */
export function EditPolicyPage() {
  const { t, number } = useI18n();
  const { policyId = '' } = useParams();
  const location = useLocation();
  const policy = usePolicy(policyId);
  const replace = useReplacePolicy();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState<'created' | 'saved' | null>(
    (location.state as { notice?: string } | null)?.notice === 'created' ? 'created' : null,
  );
  const [formKey, setFormKey] = useState(0);

  async function reload() {
    const result = await policy.refetch();
    if (!result.data) {
      return;
    }
    setConflict(null);
    setSaved(null);
    setFormKey((key) => key + 1);
  }

  const data = policy.data;
  return (
    <Page title={t('policies.editTitle')}>
      <p>
        <Link to="/admin/policies" className="back-link">
          {t('policies.backToList')}
        </Link>
      </p>
      {policy.isPending ? <Spinner label={t('common.loading')} /> : null}
      {policy.isError && isApiError(policy.error) && policy.error.status === 404 ? (
        <EmptyState title={t('policies.notFound')} />
      ) : policy.isError ? (
        <Alert tone="error">{errorMessage(policy.error, t)}</Alert>
      ) : null}
      <div aria-live="polite">
        {saved ? <Alert tone="success">{t(saved === 'created' ? 'policies.created' : 'policies.saved')}</Alert> : null}
      </div>
      {conflict ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('policies.conflict.title')}</p>
          <p>
            {t('policies.conflict.body', {
              yours: number(conflict.yours),
              current: conflict.current === undefined ? '?' : number(conflict.current),
            })}
          </p>
          <Button variant="secondary" onClick={reload}>
            {t('policies.conflict.reload')}
          </Button>
        </div>
      ) : null}
      {data ? (
        <PolicyForm
          key={`${data.id}-${formKey}`}
          defaultValues={formValuesOf(data)}
          submitLabel={t('policies.form.save')}
          onSave={async (input) => {
            setSaved(null);
            await replace.mutateAsync({ id: data.id, version: data.version, input });
            setConflict(null);
            setSaved('saved');
          }}
          onConflict={(error) => {
            const current = error.body.currentVersion;
            setSaved(null);
            setConflict({ yours: data.version, current: typeof current === 'number' ? current : undefined });
          }}
        />
      ) : null}
    </Page>
  );
}
