/**
 * Who took part, by age band, gender and channel, computed from the voter roll joined to profiles
 * (never from ballot content: the roll says who voted, not what). Small groups are protected:
 * a group under MIN_GROUP_SIZE people is reported as "< 10", never exactly, and when only one group
 * of a breakdown is hidden the next smallest is withheld too, so the hidden one cannot be worked out
 * by subtracting the others from the total.
 */
import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.ts';

export const MIN_GROUP_SIZE = 10;

export const AGE_BANDS = ['14-17', '18-28', '29-59', '60+', 'unknown'] as const;
export const GENDERS = ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say', 'unknown'] as const;
export const CHANNELS = ['online', 'assisted', 'paper'] as const;

export interface ProtectedCount {
  key: string;
  /** Exact count, or null when withheld. */
  count: number | null;
  /** 'small': under MIN_GROUP_SIZE; 'complement': withheld so a small group cannot be derived. */
  withheld: 'small' | 'complement' | null;
}

export interface Participation {
  voters: number;
  byAge: ProtectedCount[];
  byGender: ProtectedCount[];
  byChannel: ProtectedCount[];
}

/** Applies the minimum group size to one breakdown (every key listed, missing ones count 0). */
export function protectCounts(keys: readonly string[], counts: ReadonlyMap<string, number>, minimum = MIN_GROUP_SIZE): ProtectedCount[] {
  const groups: ProtectedCount[] = keys.map((key) => {
    const count = counts.get(key) ?? 0;
    return count < minimum ? { key, count: null, withheld: 'small' } : { key, count, withheld: null };
  });
  if (groups.filter((g) => g.withheld === 'small').length === 1) {
    let smallest: ProtectedCount | null = null;
    for (const g of groups) if (g.count !== null && (smallest === null || g.count < smallest.count!)) smallest = g;
    if (smallest) {
      smallest.count = null;
      smallest.withheld = 'complement';
    }
  }
  return groups;
}

const toMap = (rows: { key: string | null; n: string | number | bigint }[]) => new Map(rows.map((r) => [r.key ?? 'unknown', Number(r.n)]));

/** The breakdowns of one envelope's voters. */
export async function envelopeParticipation(db: Executor, envelopeId: string): Promise<Participation> {
  // Age on the day of the vote; the verified identity's birth date first, else the profile's.
  const birth = sql<string | null>`COALESCE(i.birth_date, p.birth_date)`;
  const age = sql<number>`date_part('year', age(v.voted_on, ${birth}))`;
  const band = sql<string>`CASE WHEN ${birth} IS NULL THEN 'unknown' WHEN ${age} < 18 THEN '14-17' WHEN ${age} <= 28 THEN '18-28' WHEN ${age} <= 59 THEN '29-59' ELSE '60+' END`;
  const base = () =>
    db
      .selectFrom('participatory_budgets_voters as v')
      .leftJoin('core_identities as i', 'i.identity_hash', 'v.identity_hash')
      .leftJoin('core_profiles as p', 'p.user_id', 'v.user_id')
      .where('v.envelope_id', '=', envelopeId);
  const [ages, genders, channels] = await Promise.all([
    base().select([band.as('key'), sql<string>`count(*)`.as('n')]).groupBy(sql`1`).execute(),
    base().select([sql<string | null>`p.gender`.as('key'), sql<string>`count(*)`.as('n')]).groupBy(sql`1`).execute(),
    base().select([sql<string>`v.channel`.as('key'), sql<string>`count(*)`.as('n')]).groupBy(sql`1`).execute(),
  ]);
  const channelCounts = toMap(channels);
  return {
    voters: [...channelCounts.values()].reduce((a, b) => a + b, 0),
    byAge: protectCounts(AGE_BANDS, toMap(ages)),
    byGender: protectCounts(GENDERS, toMap(genders)),
    byChannel: protectCounts(CHANNELS, channelCounts),
  };
}

/** Voters per envelope and channel for a set of editions (open data); protection is applied per envelope. */
export async function channelCountsByEnvelope(db: Executor, editionIds: string[]): Promise<Map<string, { voters: number; byChannel: ProtectedCount[] }>> {
  const result = new Map<string, { voters: number; byChannel: ProtectedCount[] }>();
  if (editionIds.length === 0) return result;
  const rows = await db
    .selectFrom('participatory_budgets_voters')
    .select(['envelope_id', 'channel', sql<string>`count(*)`.as('n')])
    .where('edition_id', 'in', editionIds)
    .groupBy(['envelope_id', 'channel'])
    .execute();
  const grouped = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = grouped.get(r.envelope_id);
    if (!m) grouped.set(r.envelope_id, (m = new Map()));
    m.set(r.channel, Number(r.n));
  }
  for (const [envelopeId, counts] of grouped) {
    result.set(envelopeId, { voters: [...counts.values()].reduce((a, b) => a + b, 0), byChannel: protectCounts(CHANNELS, counts) });
  }
  return result;
}
