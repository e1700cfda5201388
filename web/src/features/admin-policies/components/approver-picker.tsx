import { useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useUserSearch } from '../api/search-users';

type Props = {
  /** The stage's number as people read it (1-based), for labels. */
  stageNumber: number;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
};

/**
 * The users a stage names: a search over the accounts (by email or name) with an Add button per
 * match, and the chosen users with a Remove button each. Users chosen earlier are named from a
 * listing of the accounts; the rest by their id.
 */
export function ApproverPicker({ stageNumber, value, onChange, error }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const results = useUserSearch(term, term.trim() !== '');
  const known = useUserSearch('', value.length > 0);
  const [labels, setLabels] = useState<Record<string, string>>({});

  useEffect(() => {
    const timer = setTimeout(() => setTerm(search), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const labelOf = (userId: string) => {
    const user = known.data?.items.find((candidate) => candidate.id === userId);
    return (
      labels[userId] ??
      (user ? `${user.name ?? user.email} <${user.email}>` : t('policies.form.userById', { id: userId.slice(0, 8) }))
    );
  };
  const matches = (results.data?.items ?? []).filter((user) => !value.includes(user.id));
  const errorId = `${id}-error`;

  return (
    <div className={error ? 'approver-picker field-invalid' : 'approver-picker'}>
      <p className="picker-heading" id={`${id}-chosen`}>
        {t('policies.form.users')}
      </p>
      {value.length === 0 ? (
        <p className="muted">{t('policies.form.noUsers')}</p>
      ) : (
        <ul className="chosen-users" aria-labelledby={`${id}-chosen`}>
          {value.map((userId) => (
            <li key={userId} title={userId}>
              <span className="break">{labelOf(userId)}</span>
              <Button
                variant="ghost"
                className="btn-small"
                aria-label={t('policies.form.removeUserOf', { name: labelOf(userId) })}
                onClick={() => onChange(value.filter((chosen) => chosen !== userId))}
              >
                {t('policies.form.removeUser')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('policies.form.findUser')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          autoComplete="off"
          data-stage={stageNumber}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
            }
          }}
        />
      </div>
      {term.trim() !== '' && results.data ? (
        matches.length === 0 ? (
          <p className="muted" aria-live="polite">
            {t('policies.form.noUserMatches')}
          </p>
        ) : (
          <ul className="user-matches" aria-live="polite">
            {matches.map((user) => {
              const label = `${user.name ?? user.email} <${user.email}>`;
              return (
                <li key={user.id}>
                  <span className="break">{label}</span>
                  <Button
                    variant="secondary"
                    className="btn-small"
                    aria-label={t('policies.form.addUserOf', { name: label })}
                    onClick={() => {
                      setLabels((current) => ({ ...current, [user.id]: label }));
                      onChange([...value, user.id]);
                    }}
                  >
                    {t('policies.form.addUser')}
                  </Button>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </div>
  );
}
