import type { DenialReason } from '../../../core/permissions/permissions.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { DeniedAction, type ExplainedAction } from './ProposalDenial.tsx';

/**
 * A page that says why something cannot be done here (and the next step), with a way back:
 * better than a bare error page when a person follows a link to a step they cannot take.
 */
export function ProposalMessagePage(props: {
  ctx: ViewContext;
  title: string;
  denial?: { action: ExplainedAction; reason: DenialReason };
  message?: string;
  back: { href: string; label: string };
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      {props.denial && <DeniedAction ctx={ctx} action={props.denial.action} reason={props.denial.reason} />}
      {props.message && <p>{props.message}</p>}
      <p>
        <a href={props.back.href}>{props.back.label}</a>
      </p>
    </Layout>
  );
}
