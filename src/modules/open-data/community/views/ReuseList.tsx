import type { ViewContext } from '../../../../core/views/view-context.ts';
import { reusePath } from '../paths.ts';
import type { ReuseSummary } from '../reuses.queries.ts';
import { C, When } from './components.tsx';

/** Reuses as a list of links to their pages (the list page and each dataset page). */
export function ReuseList(props: { ctx: ViewContext; reuses: ReuseSummary[]; headingLevel: 2 | 3 }) {
  const { ctx } = props;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="od-community-list">
      {props.reuses.map((r) => (
        <li>
          <Heading>
            <a href={reusePath(r.id)}>{r.title}</a>
          </Heading>
          <p>
            {ctx.t(`${C}kind.${r.kind}`)} · <When ctx={ctx} value={r.created_at} />
          </p>
        </li>
      ))}
    </ul>
  );
}
