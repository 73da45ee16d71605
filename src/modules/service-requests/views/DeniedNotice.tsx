import { signInUrl } from '../../../core/auth/require-sign-in.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';

/** The page where a person can fix the reason, when there is one. */
function nextStep(reason: DenialReason, path: string): { href: string; key: string } | null {
  switch (reason) {
    case 'not_signed_in':
      return { href: signInUrl(path), key: 'service-requests.next.sign_in' };
    case 'not_verified':
    case 'not_resident':
      return { href: '/mi-cuenta/verificacion', key: 'service-requests.next.verify' };
    case 'consent_missing':
      return { href: '/mi-cuenta/datos', key: 'service-requests.next.consent' };
    default:
      return null;
  }
}

/**
 * Why the person cannot file here (an admin may require more of filing than the law does), and the
 * next step, shown where the button would be.
 */
export function DeniedNotice(props: { ctx: ViewContext; reason: DenialReason }) {
  const { t, path } = props.ctx;
  const step = nextStep(props.reason, path);
  return (
    <p class="denied-action" data-reason={props.reason}>
      <strong>{t(`reasons.${props.reason}`)}</strong>
      {step && (
        <>
          {' '}
          <a href={step.href}>{t(step.key)}</a>
        </>
      )}
    </p>
  );
}
