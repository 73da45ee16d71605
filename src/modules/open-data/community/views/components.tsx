import { signInUrl } from '../../../../core/auth/require-sign-in.ts';
import { formatDate } from '../../../../core/i18n/i18n.ts';
import type { DenialReason } from '../../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import type { RequestStatus } from '../../open-data.schema.ts';

export const C = 'open-data.community.';

/** The request's state as a short label. */
export function StatusBadge(props: { ctx: ViewContext; status: RequestStatus }) {
  return <span class={`badge od-request-${props.status}`}>{props.ctx.t(`${C}status.${props.status}`)}</span>;
}

/** A date as a <time> element in the reader's language. */
export function When(props: { ctx: ViewContext; value: Date; withTime?: boolean }) {
  return <time dateTime={props.value.toISOString()}>{formatDate(props.ctx.locale, props.value, props.withTime)}</time>;
}

export type CommunityAction = 'request' | 'vote' | 'reuse' | 'comment';

/** Why the person cannot do `action` here and, when there is one, the next step; shown where the button would be. */
export function Denied(props: { ctx: ViewContext; action: CommunityAction; reason: DenialReason; id?: string }) {
  const { t, path } = props.ctx;
  return (
    <p class="denied-action" id={props.id} data-reason={props.reason}>
      {t(`${C}denied.${props.action}`)} {t(`reasons.${props.reason}`)}
      {props.reason === 'not_signed_in' && (
        <>
          {' '}
          <a href={signInUrl(path)}>{t(`${C}sign_in`)}</a>
        </>
      )}
    </p>
  );
}
