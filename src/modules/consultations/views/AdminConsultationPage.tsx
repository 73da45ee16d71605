import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { ConsultationFormValues } from '../consultation-form.ts';
import { ADMIN_PATH, adminPath, consultationPath, type Consultation, type DocumentRow } from '../consultations.queries.ts';
import type { Channel } from '../consultations.schema.ts';
import type { QuestionDef } from '../questionnaire.ts';
import { ConsultationForm } from './ConsultationForm.tsx';
import { describeEligibility, describeWindow } from './labels.ts';

const A = 'consultations.admin.';
const B = 'consultations.builder.';

export interface AdminConsultationPageProps {
  ctx: ViewContext;
  /** null while creating. */
  consultation: Consultation | null;
  entities: { code: string; name: string }[];
  values: ConsultationFormValues;
  errors?: FieldErrors;
  questions: QuestionDef[];
  /** A refused move or removal of a question. */
  questionErrors?: FieldErrors;
  documents: DocumentRow[];
  documentValues?: { title: string };
  documentErrors?: FieldErrors;
  /** Why the questionnaire cannot be published yet (i18n keys). */
  problems: { key: string; vars?: Record<string, string | number> }[];
  participation: { total: number; byChannel: Record<Channel, number> } | null;
  can: { edit: boolean; importPaper: boolean; export: boolean; moderate: boolean };
}

function SmallForm(props: { ctx: ViewContext; action: string; children: ComponentChildren }) {
  return (
    <Form ctx={props.ctx} action={props.action} class="inline-form">
      {props.children}
    </Form>
  );
}

function Problem(props: { ctx: ViewContext; errors?: FieldErrors; field: string }) {
  const error = props.errors?.[props.field];
  if (!error) return null;
  return (
    <p class="error-message" role="alert">
      {props.ctx.t(error.key, error.vars)}
    </p>
  );
}

/** Back office of one consultation: settings, questionnaire, documents, publication, then responses. */
export function AdminConsultationPage(props: AdminConsultationPageProps) {
  const { ctx, consultation: c } = props;
  const { t, locale } = ctx;
  const title = c ? c.title : t(`${A}new`);
  const base = c ? adminPath(c) : '';
  return (
    <Layout
      ctx={ctx}
      title={props.errors && Object.keys(props.errors).length ? `${t('consultations.answer.error_title_prefix')} ${title}` : title}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: ADMIN_PATH, label: t(`${A}title`) }, { label: title }]}
    >
      <h1>{title}</h1>
      {c && (
        <p>
          <span class="badge">{t(`consultations.state.${c.state}`)}</span> {describeWindow(t, locale, c)} · <a href={consultationPath(c)}>{t(`${A}public_page`)}</a>
        </p>
      )}
      <h2 id="ajustes">{t(`${A}section.settings`)}</h2>
      {!c || props.can.edit ? (
        <ConsultationForm ctx={ctx} action={c ? base : `${ADMIN_PATH}/nueva`} values={props.values} errors={props.errors} entities={props.entities} submitLabel={t(c ? `${A}save` : `${A}create`)} />
      ) : (
        <>
          <p>{t(`${A}frozen`)}</p>
          <dl class="facts">
            <dt>{t(`${A}fields.entity`)}</dt>
            <dd>{c.entity_name}</dd>
            <dt>{t('consultations.facts.who')}</dt>
            <dd>{describeEligibility(t, c)}</dd>
            <dt>{t(`${A}fields.secret`)}</dt>
            <dd>{t(c.secret ? `${A}secret_yes` : `${A}secret_no`)}</dd>
            <dt>{t(`${A}fields.allow_edit`)}</dt>
            <dd>{t(c.allow_edit ? 'consultations.yes' : 'consultations.no')}</dd>
          </dl>
        </>
      )}
      {c && (
        <>
          <h2 id="preguntas">{t(`${B}heading`)}</h2>
          <Problem ctx={ctx} errors={props.questionErrors} field="questions" />
          {props.questions.length === 0 ? (
            <p>{t(`${B}empty`)}</p>
          ) : (
            <ol class="cq-list">
              {props.questions.map((q, index) => (
                <li>
                  <p>
                    <strong>{q.title}</strong> <span class="badge">{t(`${B}kind.${q.kind}`)}</span> {q.required ? t(`${B}required`) : t(`${B}optional`)}
                    {q.options.length > 0 && <> · {t(`${B}options_count`, { count: q.options.length })}</>}
                    {q.condition && <> · {t(`${B}conditional_on`, { number: props.questions.find((s) => s.id === q.condition!.questionId)?.position ?? '?' })}</>}
                  </p>
                  {props.can.edit && (
                    <div class="cq-actions">
                      <a href={`${base}/preguntas/${q.id}`}>
                        {t(`${B}edit`)} <span class="visually-hidden">{t(`${B}question_n`, { number: q.position })}</span>
                      </a>
                      {index > 0 && (
                        <SmallForm ctx={ctx} action={`${base}/preguntas/${q.id}/mover`}>
                          <button type="submit" class="button button-secondary" name="direction" value="up">
                            {t(`${B}move_up`)} <span class="visually-hidden">{t(`${B}question_n`, { number: q.position })}</span>
                          </button>
                        </SmallForm>
                      )}
                      {index < props.questions.length - 1 && (
                        <SmallForm ctx={ctx} action={`${base}/preguntas/${q.id}/mover`}>
                          <button type="submit" class="button button-secondary" name="direction" value="down">
                            {t(`${B}move_down`)} <span class="visually-hidden">{t(`${B}question_n`, { number: q.position })}</span>
                          </button>
                        </SmallForm>
                      )}
                      <SmallForm ctx={ctx} action={`${base}/preguntas/${q.id}/eliminar`}>
                        <button type="submit" class="button button-danger">
                          {t(`${B}remove`)} <span class="visually-hidden">{t(`${B}question_n`, { number: q.position })}</span>
                        </button>
                      </SmallForm>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
          {props.can.edit && (
            <p>
              <a class="button" href={`${base}/preguntas/nueva`}>
                {t(`${B}add`)}
              </a>
            </p>
          )}

          <h2 id="documentos">{t('consultations.documents.heading')}</h2>
          {props.documents.length === 0 ? (
            <p>{t('consultations.documents.none')}</p>
          ) : (
            <ul>
              {props.documents.map((d) => (
                <li>
                  <a href={`${consultationPath(c)}/documentos/${d.id}`}>{d.title}</a>
                  {props.can.edit && (
                    <SmallForm ctx={ctx} action={`${base}/documentos/${d.id}/eliminar`}>
                      <button type="submit" class="button button-danger">
                        {t('consultations.documents.remove')} <span class="visually-hidden">{d.title}</span>
                      </button>
                    </SmallForm>
                  )}
                </li>
              ))}
            </ul>
          )}
          {props.can.edit && (
            <Form ctx={ctx} action={`${base}/documentos`} multipart novalidate>
              <ErrorSummary t={t} errors={props.documentErrors} labels={{ document_title: t('consultations.documents.title_field'), document_file: t('consultations.documents.file_field') }} />
              <TextField t={t} name="document_title" label={t('consultations.documents.title_field')} value={props.documentValues?.title} errors={props.documentErrors} required maxLength={200} />
              <div class={props.documentErrors?.document_file ? 'field field-error' : 'field'}>
                <label for="document_file">
                  {t('consultations.documents.file_field')} <span class="required">({t('forms.required')})</span>
                </label>
                <p class="hint" id="document_file-hint">
                  {t('consultations.documents.file_hint')}
                </p>
                {props.documentErrors?.document_file && (
                  <p class="error-message" id="document_file-error">
                    <span class="visually-hidden">{t('forms.error_prefix')} </span>
                    {t(props.documentErrors.document_file.key, props.documentErrors.document_file.vars)}
                  </p>
                )}
                <input type="file" id="document_file" name="document_file" accept="application/pdf" aria-describedby={props.documentErrors?.document_file ? 'document_file-hint document_file-error' : 'document_file-hint'} />
              </div>
              <Button kind="secondary">{t('consultations.documents.upload')}</Button>
            </Form>
          )}

          <h2 id="publicacion">{t(`${A}section.publication`)}</h2>
          {c.state === 'draft' ? (
            props.problems.length ? (
              <>
                <p>{t(`${A}publish_blocked`)}</p>
                <ul>
                  {props.problems.map((p) => (
                    <li>{t(p.key, p.vars)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <SmallForm ctx={ctx} action={`${base}/publicar`}>
                <p>{t(`${A}publish_intro`, { opens: formatDate(locale, c.opens_at, true) })}</p>
                <Button>{t(`${A}publish`)}</Button>
              </SmallForm>
            )
          ) : (
            <p>{t(`${A}published_on`, { date: formatDate(locale, c.published_at!, true) })}</p>
          )}
          {c.state === 'draft' && props.can.edit && (
            // A <details> keeps the danger button one deliberate click away, without JavaScript.
            <details>
              <summary>{t(`${A}delete`)}</summary>
              <p>{t(`${A}delete_warning`)}</p>
              <Form ctx={ctx} action={`${base}/eliminar`}>
                <Button kind="danger">{t(`${A}delete_confirm`)}</Button>
              </Form>
            </details>
          )}

          {c.state !== 'draft' && (
            <>
              <h2 id="respuestas">{t(`${A}section.responses`)}</h2>
              {props.participation && (
                <p>
                  {t('consultations.results.participation', {
                    count: props.participation.total,
                    online: formatNumber(locale, props.participation.byChannel.online),
                    assisted: formatNumber(locale, props.participation.byChannel.assisted),
                    paper: formatNumber(locale, props.participation.byChannel.paper),
                  })}
                </p>
              )}
              <ul>
                {props.can.importPaper && (
                  <li>
                    <a href={`${base}/papel`}>{t(`${A}paper_link`)}</a>
                  </li>
                )}
                {props.can.export ? (
                  <li>
                    {t(`${A}export`)} <a href={`${base}/respuestas.csv`}>CSV</a> · <a href={`${base}/respuestas.json`}>JSON</a>
                  </li>
                ) : (
                  <li>{t(`${A}export_after_close`)}</li>
                )}
                {props.can.moderate && (
                  <li>
                    <a href={`${base}/moderacion`}>{t(`${A}moderation_link`)}</a>
                  </li>
                )}
              </ul>
              {!c.secret && c.state === 'open' && !c.results_published_at && (
                <SmallForm ctx={ctx} action={`${base}/resultados`}>
                  <p>{t(`${A}early_results_intro`)}</p>
                  <Button kind="secondary">{t(`${A}early_results`)}</Button>
                </SmallForm>
              )}
              {c.secret && c.state === 'open' && <p>{t(`${A}secret_results_at_close`)}</p>}
            </>
          )}
        </>
      )}
    </Layout>
  );
}
