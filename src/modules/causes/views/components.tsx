import { signInUrl } from '../../../core/auth/require-sign-in.ts';
import { formatDate, formatNumber, formatPercent } from '../../../core/i18n/i18n.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { CauseState } from '../states.ts';

export const causePath = (id: string) => `/causas/${id}`;

/** The state as a short label. */
export function StateBadge(props: { ctx: ViewContext; state: CauseState }) {
  return <span class={`badge cause-state cause-state-${props.state}`}>{props.ctx.t(`causes.states.${props.state}`)}</span>;
}

/** "Respuesta vencida": the entity's term is over and it has not answered. */
export function OverdueBadge(props: { ctx: ViewContext }) {
  return <span class="badge cause-overdue">{props.ctx.t('causes.overdue')}</span>;
}

/**
 * Supports toward the threshold: a native <progress> (announced by screen readers with its label)
 * plus the same figures as text, so nothing depends on seeing the bar.
 */
export function SupportProgress(props: { ctx: ViewContext; id: string; supports: number; threshold: number }) {
  const { t, locale } = props.ctx;
  const ratio = Math.min(1, props.supports / Math.max(1, props.threshold));
  const text = t('causes.progress.text', { count: props.supports, threshold: formatNumber(locale, props.threshold), percent: formatPercent(locale, props.supports / Math.max(1, props.threshold)) });
  return (
    <div class="cause-progress">
      <label for={props.id} class="visually-hidden">
        {t('causes.progress.label')}
      </label>
      <progress id={props.id} max={props.threshold} value={Math.min(props.supports, props.threshold)} aria-describedby={`${props.id}-text`}>
        {formatPercent(locale, ratio)}
      </progress>
      <p id={`${props.id}-text`} class="cause-progress-text">
        {text}
      </p>
    </div>
  );
}

const VERIFICATION_PATH = '/mi-cuenta/verificacion';
const MY_DATA_PATH = '/mi-cuenta/datos';

/** Where a person can fix the reason, when there is such a place. */
function nextStep(reason: DenialReason, path: string): { href: string; key: string } | null {
  switch (reason) {
    case 'not_signed_in':
      return { href: signInUrl(path), key: 'causes.next.sign_in' };
    case 'not_verified':
      return { href: VERIFICATION_PATH, key: 'causes.next.verify_identity' };
    case 'not_resident':
      return { href: VERIFICATION_PATH, key: 'causes.next.verify_residence' };
    case 'consent_missing':
      return { href: MY_DATA_PATH, key: 'causes.next.consent' };
    default:
      return null;
  }
}

export type ExplainedAction = 'create' | 'support' | 'follow' | 'comment' | 'edit' | 'report';

/** Why the person cannot do `action` here and what to do next, shown where the button would be. */
export function DeniedAction(props: { ctx: ViewContext; action: ExplainedAction; reason: DenialReason; id?: string }) {
  const { t, path } = props.ctx;
  const step = nextStep(props.reason, path);
  return (
    <p class="denied-action" id={props.id} data-reason={props.reason}>
      {t(`causes.denied.${props.action}`)} {t(`reasons.${props.reason}`)}
      {step && (
        <>
          {' '}
          <a href={step.href}>{t(step.key)}</a>
        </>
      )}
    </p>
  );
}

/** Plain share links (no third-party scripts): WhatsApp, Facebook, X and e-mail. */
export function ShareLinks(props: { ctx: ViewContext; url: string; title: string }) {
  const { t } = props.ctx;
  const u = encodeURIComponent(props.url);
  const text = encodeURIComponent(props.title);
  const links = [
    { key: 'whatsapp', href: `https://wa.me/?text=${encodeURIComponent(`${props.title} ${props.url}`)}` },
    { key: 'facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { key: 'x', href: `https://twitter.com/intent/tweet?url=${u}&text=${text}` },
    { key: 'email', href: `mailto:?subject=${text}&body=${encodeURIComponent(`${props.title}\n\n${props.url}`)}` },
  ];
  return (
    <nav class="cause-share" aria-labelledby="share-heading">
      <h2 id="share-heading">{t('causes.share.heading')}</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} rel="noopener noreferrer">
              {t(`causes.share.${l.key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A date as a <time> element in the reader's language. */
export function When(props: { ctx: ViewContext; value: Date | string; withTime?: boolean }) {
  const iso = typeof props.value === 'string' ? props.value : props.value.toISOString();
  return <time dateTime={iso}>{formatDate(props.ctx.locale, props.value, props.withTime)}</time>;
}
