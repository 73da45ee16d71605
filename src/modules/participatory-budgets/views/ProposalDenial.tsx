import { signInUrl } from '../../../core/auth/require-sign-in.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';

/** Actions whose denials are explained next to their button. */
export type ExplainedAction = 'propose' | 'edit-proposal' | 'support' | 'follow' | 'comment' | 'assess' | 'moderate';

const VERIFICATION_PATH = '/mi-cuenta/verificacion';
const MY_DATA_PATH = '/mi-cuenta/datos';

/** The page where a person can fix the reason, when there is one. */
function nextStep(reason: DenialReason, path: string): { href: string; key: string } | null {
  switch (reason) {
    case 'not_signed_in':
      return { href: signInUrl(path), key: 'participatory-budgets.proposals.next.sign_in' };
    case 'not_verified':
      return { href: VERIFICATION_PATH, key: 'participatory-budgets.proposals.next.verify_identity' };
    case 'not_resident':
      return { href: VERIFICATION_PATH, key: 'participatory-budgets.proposals.next.verify_residence' };
    case 'consent_missing':
      return { href: MY_DATA_PATH, key: 'participatory-budgets.proposals.next.consent' };
    default:
      return null;
  }
}

// Reasons with a message naming the action ("Verifique su identidad para proponer"); others use
// the platform's general message.
const SPECIFIC: DenialReason[] = ['not_signed_in', 'not_verified', 'not_resident', 'guardian_consent_missing', 'consent_missing', 'phase_closed', 'not_author'];

/** Why the person cannot do `action` here, and the next step, shown where the button would be. */
export function DeniedAction(props: { ctx: ViewContext; action: ExplainedAction; reason: DenialReason; id?: string }) {
  const { t, path } = props.ctx;
  const step = nextStep(props.reason, path);
  const message = SPECIFIC.includes(props.reason)
    ? t(`participatory-budgets.proposals.denied.${props.reason}`, { action: t(`participatory-budgets.proposals.to.${props.action}`) })
    : t(`reasons.${props.reason}`);
  return (
    <p class="denied-action" id={props.id} data-reason={props.reason}>
      {message}
      {step && (
        <>
          {' '}
          <a href={step.href}>{t(step.key)}</a>
        </>
      )}
    </p>
  );
}
