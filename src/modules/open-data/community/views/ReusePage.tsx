import type { FieldErrors } from '../../../../core/http/errors.ts';
import { InlineTextArea } from '../../../../core/views/components/comment-thread.tsx';
import { Button, Form } from '../../../../core/views/components/forms.tsx';
import { Layout } from '../../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import { datasetPath } from '../../paths.ts';
import { REUSES_PATH, reuseImagePath, reusePath } from '../paths.ts';
import type { ReuseDetail } from '../reuses.queries.ts';
import { C, When } from './components.tsx';

/** `/datos/usos/<id>`: a reuse and the datasets it uses; a hidden one shows only the moderators' reason. */
export function ReusePage(props: { ctx: ViewContext; reuse: ReuseDetail; moderate: boolean; hideForm?: { errors: FieldErrors; values: { reason: string } } }) {
  const { ctx, reuse: r } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={r.title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { href: REUSES_PATH, label: t(`${C}reuses.title`) }, { label: r.title }]}>
      <h1>{r.title}</h1>
      {r.hidden_reason !== null ? (
        <p class="notice">{t(`${C}reuse.hidden`, { reason: r.hidden_reason })}</p>
      ) : (
        <>
          <p>
            {t(`${C}kind.${r.kind}`)} · {t(`${C}reuse.by`, { name: r.author_name ?? t(`${C}deleted_account`) })} · <When ctx={ctx} value={r.created_at} />
          </p>
          {r.has_image && <img class="od-reuse-image" src={reuseImagePath(r.id)} alt={t(`${C}reuse.image_alt`, { title: r.title })} width={640} loading="lazy" />}
          <p class="pre-line">{r.description}</p>
          <p>
            <a href={r.url} rel="nofollow ugc noopener noreferrer">
              {t(`${C}reuse.open`)}
              <span class="visually-hidden">: {r.title}</span>
            </a>
          </p>
          <h2>{t(`${C}reuse.datasets`)}</h2>
          <ul>
            {r.datasets.map((d) => (
              <li>
                <a href={datasetPath(d.name)}>{d.title}</a>
              </li>
            ))}
          </ul>
          {props.moderate && (
            <details open={Boolean(props.hideForm)}>
              <summary>{t(`${C}reuse.hide`)}</summary>
              <Form ctx={ctx} action={`${reusePath(r.id)}/ocultar`} novalidate>
                <InlineTextArea ctx={ctx} id="hide-reason" name="reason" label={t(`${C}reuse.hide_reason`)} value={props.hideForm?.values.reason} error={props.hideForm?.errors.reason} rows={2} maxLength={500} />
                <Button kind="danger">{t(`${C}reuse.hide_submit`)}</Button>
              </Form>
            </details>
          )}
        </>
      )}
    </Layout>
  );
}
