import { Link } from 'react-router';
import { Page } from '@/components/ui/page';
import { useSignedIn } from '@/lib/auth/get-me';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import '../landing.css';

const OFFERS = ['order', 'approve', 'pay', 'watch', 'studio'] as const;
const STEPS: MessageKey[] = ['landing.step1', 'landing.step2', 'landing.step3', 'landing.step4', 'landing.step5'];

/** The start page: what Miyabi is and what a customer can do there, then the way into the catalog. */
export function LandingPage() {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  return (
    <div className="landing">
      <Page title={t('landing.title')}>
        <p className="landing-lead">{t('landing.lead')}</p>
        <p className="landing-actions">
          <Link className="btn btn-primary" to="/catalog">
            {t('landing.browse')}
          </Link>
          {signedIn ? (
            <Link className="btn btn-secondary" to="/orders">
              {t('landing.myOrders')}
            </Link>
          ) : (
            <Link className="btn btn-secondary" to="/sign-up">
              {t('landing.signUp')}
            </Link>
          )}
        </p>
        <section aria-labelledby="landing-can-do">
          <h2 id="landing-can-do">{t('landing.canDo')}</h2>
          <ul className="landing-offers">
            {OFFERS.map((offer) => (
              <li key={offer} className="card">
                <h3>{t(`landing.${offer}.title`)}</h3>
                <p>{t(`landing.${offer}.body`)}</p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="landing-steps">
          <h2 id="landing-steps">{t('landing.steps')}</h2>
          <ol className="landing-steps">
            {STEPS.map((step) => (
              <li key={step}>{t(step)}</li>
            ))}
          </ol>
        </section>
      </Page>
    </div>
  );
}
