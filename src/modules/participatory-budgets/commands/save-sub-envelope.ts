import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { parseCop } from './save-envelopes.ts';

export const SUB_ENVELOPE_KINDS = ['investment_line', 'spending_concept', 'area'] as const;
export type SubEnvelopeKind = (typeof SUB_ENVELOPE_KINDS)[number];

export interface SubEnvelopeFormValues {
  envelope: string;
  kind: string;
  code: string;
  amount: string;
}

/**
 * Adds a sub-envelope (an investment line, a spending concept, or the rural or urban part) to a
 * localidad's envelope. Codes must name a real line or concept; the parts never add up to more
 * than the envelope.
 */
export async function addSubEnvelope(tx: Tx, actor: Actor, editionId: string, values: SubEnvelopeFormValues, requestId?: string): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const envelope = await tx
    .selectFrom('participatory_budgets_envelopes')
    .select(['id', 'amount', 'name'])
    .where('edition_id', '=', editionId)
    .where('id', '=', /^[0-9a-f-]{36}$/i.test(values.envelope) ? values.envelope : '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (!envelope) errors.envelope = { key: 'participatory-budgets.admin.errors.envelope' };
  const kind = values.kind as SubEnvelopeKind;
  let name: string | null = null;
  if (!SUB_ENVELOPE_KINDS.includes(kind)) errors.kind = { key: 'participatory-budgets.admin.errors.kind' };
  else if (kind === 'investment_line') {
    name = (await tx.selectFrom('participatory_budgets_investment_lines').select('name').where('code', '=', values.code).executeTakeFirst())?.name ?? null;
  } else if (kind === 'spending_concept') {
    name = (await tx.selectFrom('participatory_budgets_spending_concepts').select('name').where('code', '=', values.code).executeTakeFirst())?.name ?? null;
  } else {
    name = values.code === 'rural' ? 'Rural' : values.code === 'urbana' ? 'Urbana' : null;
  }
  if (!errors.kind && !name) errors.code = { key: 'participatory-budgets.admin.errors.sub_code' };
  const amount = parseCop(values.amount);
  if (!amount) errors.amount = { key: 'participatory-budgets.admin.errors.amount_plain' };
  if (envelope && amount) {
    const sub = await tx
      .selectFrom('participatory_budgets_sub_envelopes')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), eb.lit(0)).as('total'))
      .where('envelope_id', '=', envelope.id)
      .executeTakeFirstOrThrow();
    if (BigInt(String(sub.total).split('.')[0]!) + BigInt(amount) > BigInt(envelope.amount.split('.')[0]!)) errors.amount = { key: 'participatory-budgets.admin.errors.sub_over_envelope' };
    const duplicate = await tx.selectFrom('participatory_budgets_sub_envelopes').select('id').where('envelope_id', '=', envelope.id).where('kind', '=', kind).where('code', '=', values.code).executeTakeFirst();
    if (duplicate) errors.code = { key: 'participatory-budgets.admin.errors.sub_duplicate' };
  }
  if (Object.keys(errors).length > 0 || !envelope || !amount || !name) return { ok: false, errors };
  const row = await tx
    .insertInto('participatory_budgets_sub_envelopes')
    .values({ envelope_id: envelope.id, kind, code: values.code, name, amount })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, { actor, action: 'participatory-budgets.add-sub-envelope', resourceType: 'participatory-budgets.sub-envelope', resourceId: row.id, after: { envelope: envelope.id, kind, code: values.code, amount }, requestId });
  return { ok: true };
}

/** Removes a sub-envelope that no proposal uses. */
export async function removeSubEnvelope(tx: Tx, actor: Actor, editionId: string, subEnvelopeId: string, requestId?: string): Promise<boolean> {
  const row = await tx
    .selectFrom('participatory_budgets_sub_envelopes as s')
    .innerJoin('participatory_budgets_envelopes as e', 'e.id', 's.envelope_id')
    .select(['s.id', 's.kind', 's.code', 's.amount', 's.envelope_id'])
    .where('e.edition_id', '=', editionId)
    .where('s.id', '=', subEnvelopeId)
    .executeTakeFirst();
  if (!row) return false;
  const used = await tx.selectFrom('participatory_budgets_proposals').select('id').where('sub_envelope_id', '=', row.id).limit(1).executeTakeFirst();
  if (used) return false;
  await tx.deleteFrom('participatory_budgets_sub_envelopes').where('id', '=', row.id).execute();
  await recordAudit(tx, { actor, action: 'participatory-budgets.remove-sub-envelope', resourceType: 'participatory-budgets.sub-envelope', resourceId: row.id, before: row, requestId });
  return true;
}
