import { signInUrl } from '../../../core/auth/require-sign-in.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';

/** Why the person cannot do this here, and the next step, shown where the form would be. */
export function Denied(props: { ctx: ViewContext; reason: DenialReason }) {
  const { t, path } = props.ctx;
  const step =
    props.reason === 'not_signed_in'
      ? { href: signInUrl(path), key: 'service-points.next.sign_in' }
      : props.reason === 'not_verified' || props.reason === 'not_resident'
        ? { href: '/mi-cuenta/verificacion', key: 'service-points.next.verify' }
        : props.reason === 'consent_missing'
          ? { href: '/mi-cuenta/datos', key: 'service-points.next.consent' }
          : null;
  return (
    <p class="denied-action" data-reason={props.reason}>
      {t(`reasons.${props.reason}`)}
      {step && (
        <>
          {' '}
          <a href={step.href}>{t(step.key)}</a>
        </>
      )}
    </p>
  );
}
