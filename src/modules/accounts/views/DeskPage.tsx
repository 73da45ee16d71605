import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { FormProblem, type FormState } from './VerificationPage.tsx';

export const DESK_PATH = '/mostrador';

/** `/mostrador`: a desk clerk finds the person in front of them by the e-mail of their account. */
export function DeskPage(props: { ctx: ViewContext; search?: FormState }) {
  const { ctx } = props;
  const { t } = ctx;
  const search = props.search ?? {};
  return (
    <Layout ctx={ctx} title={t('accounts.desk.title')} description={t('accounts.desk.lead')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('accounts.desk.title') }]}>
      <h1>{t('accounts.desk.title')}</h1>
      <p class="lead">{t('accounts.desk.lead')}</p>
      <section aria-labelledby="desk-search">
        <h2 id="desk-search">{t('accounts.desk.search.heading')}</h2>
        <ErrorSummary t={t} errors={search.errors} labels={{ email: t('accounts.desk.search.email') }} />
        <FormProblem ctx={ctx} problem={search.problem} />
        <Form ctx={ctx} action={DESK_PATH} novalidate>
          <TextField
            t={t}
            name="email"
            type="email"
            label={t('accounts.desk.search.email')}
            hint={t('accounts.desk.search.email_hint')}
            required
            errors={search.errors}
            value={search.values?.email}
            autocomplete="off"
            maxLength={254}
          />
          <Button>{t('accounts.desk.search.submit')}</Button>
        </Form>
      </section>
    </Layout>
  );
}
