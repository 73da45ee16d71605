import type { ComponentChildren } from 'preact';
import type { Translate } from '../../i18n/i18n.ts';

export interface Crumb {
  href?: string;
  label: string;
}

export function Breadcrumbs(props: { t: Translate; items: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label={props.t('layout.breadcrumbs')}>
      <ol>
        {props.items.map((item, index) => (
          <li>{item.href && index < props.items.length - 1 ? <a href={item.href}>{item.label}</a> : <span aria-current="page">{item.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** Shown instead of an empty list: says what is missing and, when possible, what to do. */
export function EmptyState(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="empty-state-title">{props.title}</p>
      {props.children}
    </div>
  );
}

export function Flash(props: { messages: { kind: 'success' | 'info' | 'error'; text: string }[] }) {
  if (props.messages.length === 0) return null;
  return (
    <div class="flash-messages">
      {props.messages.map((m) => (
        <p class={`flash flash-${m.kind}`} role={m.kind === 'error' ? 'alert' : 'status'}>
          {m.text}
        </p>
      ))}
    </div>
  );
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** Right-aligns numbers so digits line up. */
  numeric?: boolean;
  /** The column that names the row becomes a row header for screen readers. */
  rowHeader?: boolean;
}

/** An accessible data table with caption and scoped headers; scrolls sideways on small screens. */
export function DataTable<Row>(props: { caption: string; columns: Column<Row>[]; rows: Row[]; id?: string }) {
  return (
    <div class="table-wrap" role="region" aria-labelledby={props.id ? `${props.id}-caption` : undefined} tabIndex={0}>
      <table id={props.id}>
        <caption id={props.id ? `${props.id}-caption` : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row">{c.cell(row)}</th>
                ) : (
                  <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous/next and page numbers as plain links, so it works without JavaScript. */
export function Pagination(props: { t: Translate; page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (props.pageCount <= 1) return null;
  const pages: number[] = [];
  for (let p = Math.max(1, props.page - 2); p <= Math.min(props.pageCount, props.page + 2); p++) pages.push(p);
  return (
    <nav class="pagination" aria-label={props.t('pagination.label')}>
      <ul>
        {props.page > 1 && (
          <li>
            <a href={props.hrefFor(props.page - 1)} rel="prev">
              {props.t('pagination.previous')}
            </a>
          </li>
        )}
        {pages.map((p) => (
          <li>
            {p === props.page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <a href={props.hrefFor(p)} aria-label={props.t('pagination.page', { page: p })}>
                {p}
              </a>
            )}
          </li>
        ))}
        {props.page < props.pageCount && (
          <li>
            <a href={props.hrefFor(props.page + 1)} rel="next">
              {props.t('pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
