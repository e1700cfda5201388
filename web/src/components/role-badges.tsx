import type { Role } from '@/lib/auth/user';
import { useI18n } from '@/lib/i18n/i18n-provider';

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  return (
    <ul className="badges" aria-label={t('profile.roles')}>
      {roles.map((role) => (
        <li key={role} className={`badge badge-${role}`}>
          {t(`roles.${role}`)}
        </li>
      ))}
    </ul>
  );
}
