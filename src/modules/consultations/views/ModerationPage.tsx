import { Layout } from '../../../core/views/Layout.tsx';
import { EmptyState } from '../../../core/views/components/content.tsx';
import { Form } from '../../../core/views/components/forms.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { adminPath, consultationPath, type Consultation } from '../consultations.queries.ts';

const M = 'consultations.moderation.';

export interface ModerationItem {
  responseId: string;
  questionId: string;
  questionNumber: number;
  questionTitle: string;
  text: string;
  moderation: 'pending' | 'approved' | 'hidden';
}

/** Free-text answers waiting for a decision first, each with approve and hide buttons. */
export function ModerationPage(props: { ctx: ViewContext; consultation: Consultation; items: ModerationItem[]; filter: 'pending' | 'all' }) {
  const { ctx, consultation: c, items } = props;
  const { t } = ctx;
  const base = adminPath(c);
  const title = t(`${M}title`);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: consultationPath(c), label: c.title }, { label: title }]}>
      <h1>{title}</h1>
      <p>{t(`${M}intro`)}</p>
      <p>
        <a href={`${base}/moderacion`} aria-current={props.filter === 'pending' ? 'page' : undefined}>
          {t(`${M}pending_only`)}
        </a>{' '}
        ·{' '}
        <a href={`${base}/moderacion?ver=todas`} aria-current={props.filter === 'all' ? 'page' : undefined}>
          {t(`${M}all`)}
        </a>
      </p>
      {items.length === 0 ? (
        <EmptyState title={t(`${M}empty`)} />
      ) : (
        <ol class="cq-list">
          {items.map((item, index) => (
            <li>
              <p class="hint">
                {t('consultations.answer.question_number', { number: item.questionNumber })} {item.questionTitle} · <span class="badge">{t(`${M}state.${item.moderation}`)}</span>
              </p>
              <blockquote>{item.text}</blockquote>
              <div class="cq-actions">
                {item.moderation !== 'approved' && (
                  <Form ctx={ctx} action={`${base}/moderacion`} class="inline-form">
                    <input type="hidden" name="response" value={item.responseId} />
                    <input type="hidden" name="question" value={item.questionId} />
                    <button type="submit" class="button" name="decision" value="approved">
                      {t(`${M}approve`)} <span class="visually-hidden">{t(`${M}answer_n`, { number: index + 1 })}</span>
                    </button>
                  </Form>
                )}
                {item.moderation !== 'hidden' && (
                  <Form ctx={ctx} action={`${base}/moderacion`} class="inline-form">
                    <input type="hidden" name="response" value={item.responseId} />
                    <input type="hidden" name="question" value={item.questionId} />
                    <button type="submit" class="button button-danger" name="decision" value="hidden">
                      {t(`${M}hide`)} <span class="visually-hidden">{t(`${M}answer_n`, { number: index + 1 })}</span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
