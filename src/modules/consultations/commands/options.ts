import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { OptionDef, QuestionDef } from '../questionnaire.ts';
import type { BuilderResult } from './questions.ts';

/** The option form exactly as typed. */
/** Field names carry `option_` so the option form can share a page with the question form. */
export interface OptionFormValues {
  option_label: string;
  option_description: string;
  option_image_alt: string;
  option_remove_image: string;
}

export interface OptionInput {
  label: string;
  description: string;
  imageAlt: string;
  /** A newly stored image (file id), null to remove the current one, undefined to keep it. */
  imageFileId?: string | null;
}

export const emptyOptionForm = (): OptionFormValues => ({ option_label: '', option_description: '', option_image_alt: '', option_remove_image: '' });

export const optionFormOf = (o: OptionDef): OptionFormValues => ({ option_label: o.label, option_description: o.description, option_image_alt: o.imageAlt, option_remove_image: '' });

/** Reads the option form (the image itself is checked by the route, which stores it). */
export function parseOptionForm(body: Record<string, unknown>, willHaveImage: boolean): { values: OptionFormValues; errors: FieldErrors } {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const values: OptionFormValues = {
    option_label: text(body.option_label),
    option_description: text(body.option_description),
    option_image_alt: text(body.option_image_alt),
    option_remove_image: text(body.option_remove_image),
  };
  const errors: FieldErrors = {};
  const key = (k: string) => ({ key: `consultations.builder.errors.${k}` });
  if (values.option_label.length < 1 || values.option_label.length > 300) errors.option_label = key('option_label');
  if (values.option_description.length > 1000) errors.option_description = key('option_description');
  if (values.option_image_alt.length > 300) errors.option_image_alt = key('image_alt_length');
  else if (willHaveImage && values.option_image_alt.length === 0) errors.option_image_alt = key('image_alt_required');
  return { values, errors };
}

export async function addOption(tx: Tx, actor: Actor, consultationId: string, question: QuestionDef, input: OptionInput, requestId?: string): Promise<BuilderResult> {
  const row = await tx
    .insertInto('consultations_options')
    .values({
      question_id: question.id,
      position: Math.max(0, ...question.options.map((o) => o.position)) + 1,
      label: input.label,
      description: input.description,
      image_file_id: input.imageFileId ?? null,
      image_alt: input.imageFileId ? input.imageAlt : '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, { actor, action: 'consultations.add-option', resourceType: 'consultations.consultation', resourceId: consultationId, after: { question: question.id, option: row.id, ...input }, requestId });
  return { ok: true, id: row.id };
}

export async function updateOption(tx: Tx, actor: Actor, consultationId: string, option: OptionDef, input: OptionInput, requestId?: string): Promise<BuilderResult> {
  const imageFileId = input.imageFileId === undefined ? option.imageFileId : input.imageFileId;
  await tx
    .updateTable('consultations_options')
    .set({ label: input.label, description: input.description, image_file_id: imageFileId, image_alt: imageFileId ? input.imageAlt : '' })
    .where('id', '=', option.id)
    .execute();
  await recordAudit(tx, { actor, action: 'consultations.update-option', resourceType: 'consultations.consultation', resourceId: consultationId, before: option, after: input, requestId });
  return { ok: true, id: option.id };
}

export async function moveOption(tx: Tx, actor: Actor, consultationId: string, question: QuestionDef, optionId: string, direction: 'up' | 'down', requestId?: string): Promise<BuilderResult> {
  const index = question.options.findIndex((o) => o.id === optionId);
  const option = question.options[index];
  const other = question.options[direction === 'up' ? index - 1 : index + 1];
  if (!option || !other) return { ok: true, id: optionId };
  await sql`UPDATE consultations_options SET position = CASE WHEN id = ${option.id} THEN ${other.position}::int ELSE ${option.position}::int END WHERE id IN (${option.id}, ${other.id})`.execute(tx);
  await recordAudit(tx, { actor, action: 'consultations.move-option', resourceType: 'consultations.consultation', resourceId: consultationId, after: { option: optionId, direction }, requestId });
  return { ok: true, id: optionId };
}

/** Removes an option unless a conditional question uses it. */
export async function removeOption(tx: Tx, actor: Actor, consultationId: string, questions: readonly QuestionDef[], option: OptionDef, requestId?: string): Promise<BuilderResult> {
  const dependent = questions.find((q) => q.condition?.optionIds.includes(option.id));
  if (dependent) return { ok: false, errors: { options: { key: 'consultations.builder.errors.option_in_condition', vars: { number: dependent.position } } } };
  await tx.deleteFrom('consultations_options').where('id', '=', option.id).execute();
  await recordAudit(tx, { actor, action: 'consultations.remove-option', resourceType: 'consultations.consultation', resourceId: consultationId, before: option, requestId });
  return { ok: true, id: option.id };
}
