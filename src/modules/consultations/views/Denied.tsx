import { signInUrl } from '../../../core/auth/require-sign-in.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Consultation } from '../consultations.queries.ts';
import { joinNames, localidadName } from './labels.ts';

const VERIFICATION_PATH = '/mi-cuenta/verificacion';
const MY_DATA_PATH = '/mi-cuenta/datos';

/** The page where a person can fix the reason, when there is one. */
function nextStep(reason: DenialReason, path: string): { href: string; key: string } | null {
  switch (reason) {
    case 'not_signed_in':
      return { href: signInUrl(path), key: 'consultations.denied.next.sign_in' };
    case 'not_verified':
      return { href: VERIFICATION_PATH, key: 'consultations.denied.next.verify_identity' };
    case 'not_resident':
    case 'wrong_localidad':
      return { href: VERIFICATION_PATH, key: 'consultations.denied.next.verify_residence' };
    case 'consent_missing':
      return { href: MY_DATA_PATH, key: 'consultations.denied.next.consent' };
    default:
      return null;
  }
}

/** Why the person cannot answer, and the next step, where the answer form would be. */
export function DeniedAnswer(props: { ctx: ViewContext; consultation: Consultation; reason: DenialReason; participation?: { channel: string; participated_on: string } | null }) {
  const { ctx, consultation: c, reason } = props;
  const { t, locale } = ctx;
  const step = nextStep(reason, ctx.path);
  let message: string;
  switch (reason) {
    case 'phase_closed':
      message = c.state === 'closed' ? t('consultations.denied.closed', { date: formatDate(locale, c.closes_at, true) }) : t('consultations.denied.not_open', { date: formatDate(locale, c.opens_at, true) });
      break;
    case 'already_done':
      message = props.participation
        ? t('consultations.denied.already_done_on', { date: formatDate(locale, props.participation.participated_on), channel: t(`consultations.channel.${props.participation.channel}`) })
        : t('consultations.denied.already_done');
      break;
    case 'under_age':
      message = t('consultations.denied.under_age', { age: c.min_age });
      break;
    case 'wrong_localidad':
      message = t('consultations.denied.wrong_localidad', { localidades: joinNames(t, c.localidades.map(localidadName)) });
      break;
    case 'not_signed_in':
    case 'not_verified':
    case 'not_resident':
    case 'guardian_consent_missing':
    case 'consent_missing':
      message = t(`consultations.denied.${reason}`);
      break;
    default:
      message = t(`reasons.${reason}`);
  }
  return (
    <div class="denied-action" id="no-puede-responder" data-reason={reason} role="status">
      <p>
        <strong>{message}</strong>
        {step && (
          <>
            {' '}
            <a href={step.href}>{t(step.key)}</a>
          </>
        )}
      </p>
    </div>
  );
}
