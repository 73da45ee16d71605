import type { FieldErrors } from '../../../core/http/errors.ts';
import { EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { ageField, levelField, REQUIREMENT_LEVELS, type RequirementEntry } from '../admin.requirements.ts';
import type { SettingEntry, SettingValue } from '../admin.settings.ts';
import { adminCrumbs, levelLabel } from './labels.ts';

export interface SettingsPageProps {
  ctx: ViewContext;
  settings: SettingEntry[];
  /** Current values, or what was just submitted when it had errors. */
  values: Map<string, SettingValue | string>;
  requirements: RequirementEntry[];
  /** What was just submitted in the requirements form, when it had errors. */
  requirementInput?: Record<string, unknown>;
  /** Module name → its title key. */
  moduleTitles: Map<string, string>;
  /** `<module>.<action>` → readable label. */
  actionLabels: Map<string, string>;
  settingErrors?: FieldErrors;
  requirementErrors?: FieldErrors;
}

function describeRequirement(ctx: ViewContext, r: { minLevel: string; minAge: number | null }) {
  const level = levelLabel(ctx.t, r.minLevel);
  return r.minAge === null ? level : `${level}, ${ctx.t('admin.requirements.age_short', { age: r.minAge })}`;
}

/** `/admin/ajustes`: module settings from the manifests, and what each action requires of people. */
export function SettingsPage(props: SettingsPageProps) {
  const { ctx } = props;
  const { t } = ctx;
  const byModule = new Map<string, SettingEntry[]>();
  for (const entry of props.settings) byModule.set(entry.module, [...(byModule.get(entry.module) ?? []), entry]);
  const settingLabels = Object.fromEntries(props.settings.map((s) => [s.storageKey, t(s.definition.descriptionKey)]));
  const requirementLabels = Object.fromEntries(
    props.requirements.flatMap((r) => {
      const label = props.actionLabels.get(r.id) ?? r.id;
      return [
        [levelField(r.id), t('admin.requirements.level_for', { action: label })],
        [ageField(r.id), t('admin.requirements.age_for', { action: label })],
      ];
    }),
  );
  const input = props.requirementInput;
  return (
    <Layout ctx={ctx} title={t('admin.settings.title')} breadcrumbs={[...adminCrumbs(t), { label: t('admin.settings.title') }]}>
      <h1>{t('admin.settings.title')}</h1>
      <p class="lead">{t('admin.settings.lead')}</p>

      <h2 id="module-settings">{t('admin.settings.modules_title')}</h2>
      {props.settings.length === 0 ? (
        <EmptyState title={t('admin.settings.none')} />
      ) : (
        <Form ctx={ctx} action="/admin/ajustes" novalidate>
          <ErrorSummary t={t} errors={props.settingErrors} labels={settingLabels} />
          {[...byModule].map(([module, entries]) => (
            <fieldset>
              <legend>{t(props.moduleTitles.get(module) ?? module)}</legend>
              {entries.map((s) => {
                const value = props.values.get(s.storageKey);
                const hint = t('admin.settings.hint', { key: s.storageKey, default: formatValue(ctx, s.definition.default) });
                if (s.definition.type === 'boolean') {
                  return (
                    <SelectField
                      t={t}
                      name={s.storageKey}
                      label={t(s.definition.descriptionKey)}
                      hint={hint}
                      required
                      errors={props.settingErrors}
                      value={String(value)}
                      options={[
                        { value: 'true', label: t('common.yes') },
                        { value: 'false', label: t('common.no') },
                      ]}
                    />
                  );
                }
                return (
                  <TextField
                    t={t}
                    name={s.storageKey}
                    label={t(s.definition.descriptionKey)}
                    hint={hint}
                    required={s.definition.type === 'integer'}
                    errors={props.settingErrors}
                    value={value === undefined ? '' : String(value)}
                    inputmode={s.definition.type === 'integer' ? 'numeric' : undefined}
                    maxLength={s.definition.type === 'string' ? (s.definition.maxLength ?? 500) : 12}
                  />
                );
              })}
            </fieldset>
          ))}
          <Button>{t('admin.settings.save')}</Button>
        </Form>
      )}

      <h2 id="requirements">{t('admin.requirements.title')}</h2>
      <p>{t('admin.requirements.lead')}</p>
      <p>{t('admin.requirements.delay')}</p>
      <Form ctx={ctx} action="/admin/ajustes/requisitos" novalidate>
        <ErrorSummary t={t} errors={props.requirementErrors} labels={requirementLabels} />
        <div class="table-wrap" role="region" aria-labelledby="requirements-caption" tabIndex={0}>
          <table>
            <caption id="requirements-caption">{t('admin.requirements.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.requirements.module')}</th>
                <th scope="col">{t('admin.requirements.action')}</th>
                <th scope="col">{t('admin.requirements.min_level')}</th>
                <th scope="col">{t('admin.requirements.min_age')}</th>
                <th scope="col">{t('admin.requirements.default')}</th>
              </tr>
            </thead>
            <tbody>
              {props.requirements.map((r) => {
                const label = props.actionLabels.get(r.id) ?? r.id;
                const level = levelField(r.id);
                const age = ageField(r.id);
                const levelError = props.requirementErrors?.[level];
                const ageError = props.requirementErrors?.[age];
                const levelValue = typeof input?.[level] === 'string' ? (input[level] as string) : r.current.minLevel;
                const ageValue = typeof input?.[age] === 'string' ? (input[age] as string) : r.current.minAge === null ? '' : String(r.current.minAge);
                return (
                  <tr>
                    <td>{t(props.moduleTitles.get(r.module) ?? r.module)}</td>
                    <th scope="row">
                      {label}
                      <br />
                      <code>{r.id}</code>
                    </th>
                    <td>
                      <label class="visually-hidden" for={level}>
                        {requirementLabels[level]}
                      </label>
                      {levelError && (
                        <p class="error-message" id={`${level}-error`}>
                          <span class="visually-hidden">{t('forms.error_prefix')} </span>
                          {t(levelError.key, levelError.vars)}
                        </p>
                      )}
                      <select id={level} name={level} aria-invalid={levelError ? 'true' : undefined} aria-describedby={levelError ? `${level}-error` : undefined}>
                        {REQUIREMENT_LEVELS.map((l) => (
                          <option value={l} selected={l === levelValue}>
                            {levelLabel(t, l)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <label class="visually-hidden" for={age}>
                        {requirementLabels[age]}
                      </label>
                      {ageError && (
                        <p class="error-message" id={`${age}-error`}>
                          <span class="visually-hidden">{t('forms.error_prefix')} </span>
                          {t(ageError.key, ageError.vars)}
                        </p>
                      )}
                      <input
                        id={age}
                        name={age}
                        type="text"
                        inputMode="numeric"
                        size={4}
                        maxLength={3}
                        value={ageValue}
                        aria-invalid={ageError ? 'true' : undefined}
                        aria-describedby={ageError ? `${age}-error` : undefined}
                      />
                    </td>
                    <td>
                      {describeRequirement(ctx, r.defaultRequirement)}
                      {r.overridden && (
                        <>
                          <br />
                          <strong>{t('admin.requirements.overridden')}</strong>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Button>{t('admin.requirements.save')}</Button>
      </Form>
    </Layout>
  );
}

function formatValue(ctx: ViewContext, value: SettingValue): string {
  if (typeof value === 'boolean') return value ? ctx.t('common.yes') : ctx.t('common.no');
  if (value === '') return ctx.t('admin.settings.empty');
  return String(value);
}
