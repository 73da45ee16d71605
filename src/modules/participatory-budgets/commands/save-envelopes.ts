import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

const AMOUNT = /^\d{1,15}$/;

/** Field name of a localidad's amount input. */
export const amountField = (code: string) => `amount_${code}`;

/** "1.250.000.000" or "1250000000" (whole pesos) → digits; anything else is an error. */
export function parseCop(value: string): string | null {
  const digits = value.trim().replace(/[.\s$]/g, '');
  return AMOUNT.test(digits) && BigInt(digits) > 0n ? BigInt(digits).toString() : null;
}

/**
 * Sets each localidad's envelope for an edition: a blank amount removes the localidad from the
 * edition, which is refused once it has proposals or ballots (they are never deleted).
 */
export async function saveEnvelopes(tx: Tx, actor: Actor, editionId: string, body: Record<string, unknown>, requestId?: string): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const wanted = new Map<string, string>();
  for (const l of LOCALIDADES) {
    const raw = typeof body[amountField(l.code)] === 'string' ? (body[amountField(l.code)] as string).trim() : '';
    if (raw === '') continue;
    const amount = parseCop(raw);
    if (!amount) errors[amountField(l.code)] = { key: 'participatory-budgets.admin.errors.amount', vars: { localidad: l.name } };
    else wanted.set(l.code, amount);
  }
  const existing = await tx.selectFrom('participatory_budgets_envelopes').select(['id', 'localidad_code', 'amount']).where('edition_id', '=', editionId).execute();
  for (const e of existing) {
    if (!e.localidad_code || wanted.has(e.localidad_code)) continue;
    const used =
      (await tx.selectFrom('participatory_budgets_proposals').select('id').where('envelope_id', '=', e.id).limit(1).executeTakeFirst()) ??
      (await tx.selectFrom('participatory_budgets_ballots').select('id').where('envelope_id', '=', e.id).limit(1).executeTakeFirst());
    if (used) errors[amountField(e.localidad_code)] = { key: 'participatory-budgets.admin.errors.envelope_in_use' };
  }
  for (const e of existing) {
    if (!e.localidad_code) continue;
    const amount = wanted.get(e.localidad_code);
    if (!amount) continue;
    const sub = await tx
      .selectFrom('participatory_budgets_sub_envelopes')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), eb.lit(0)).as('total'))
      .where('envelope_id', '=', e.id)
      .executeTakeFirstOrThrow();
    if (BigInt(String(sub.total).split('.')[0]!) > BigInt(amount)) errors[amountField(e.localidad_code)] = { key: 'participatory-budgets.admin.errors.below_sub_envelopes' };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const before = Object.fromEntries(existing.map((e) => [e.localidad_code, e.amount]));
  for (const e of existing) {
    if (e.localidad_code && !wanted.has(e.localidad_code)) await tx.deleteFrom('participatory_budgets_envelopes').where('id', '=', e.id).execute();
  }
  for (const [code, amount] of wanted) {
    const name = LOCALIDADES.find((l) => l.code === code)!.name;
    await tx
      .insertInto('participatory_budgets_envelopes')
      .values({ edition_id: editionId, localidad_code: code, name, amount })
      .onConflict((oc) => oc.columns(['edition_id', 'localidad_code']).doUpdateSet({ amount }))
      .execute();
  }
  await recordAudit(tx, { actor, action: 'participatory-budgets.save-envelopes', resourceType: 'participatory-budgets.edition', resourceId: editionId, before, after: Object.fromEntries(wanted), requestId });
  return { ok: true };
}
