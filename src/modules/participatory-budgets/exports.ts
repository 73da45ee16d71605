/**
 * Open data of participatory budgets (wired into the manifest's `exports` and `stats`): results
 * per project of every published edition, and participation per localidad with the minimum group
 * size. Nothing personal: no ballot, no voter, only counts.
 */
import type { Executor } from '../../core/db/database.ts';
import type { ModuleExport, ModuleStat } from '../../core/modules/module.ts';
import { channelCountsByEnvelope, MIN_GROUP_SIZE, type ProtectedCount } from './participation.ts';
import { countForStats, listPublishedEnvelopes, listPublishedProjectResults, type PublishedEnvelope, type PublishedProjectResult } from './results.queries.ts';

/** A protected count as published: the number, or "<10" / "reservado". */
const protectedValue = (group: ProtectedCount | undefined): number | string =>
  !group ? 0 : group.withheld === 'small' ? `<${MIN_GROUP_SIZE}` : group.withheld === 'complement' ? 'reservado' : group.count!;

export const resultsExport: ModuleExport<PublishedProjectResult> = {
  titleKey: 'participatory-budgets.results.export.results',
  query: (db) => listPublishedProjectResults(db),
  serialize: (r) => ({
    edicion: r.editionSlug,
    anio: r.editionYear,
    localidad: r.localidadCode,
    bolsa: r.envelopeName,
    subbolsa: r.subEnvelope,
    numero_propuesta: r.detail.number,
    titulo: r.title,
    costo: r.detail.cost,
    votos: r.detail.votes,
    seleccionado: r.detail.selected,
    razon: r.detail.reason,
    regla_conteo: r.countingRule,
  }),
  openData: true,
};

type ParticipationRow = PublishedEnvelope & { voters: number; byChannel: ProtectedCount[] };

export const participationExport: ModuleExport<ParticipationRow> = {
  titleKey: 'participatory-budgets.results.export.participation',
  query: async (db: Executor) => {
    const envelopes = await listPublishedEnvelopes(db);
    const channels = await channelCountsByEnvelope(db, [...new Set(envelopes.map((e) => e.editionId))]);
    return envelopes.map((e) => ({ ...e, voters: channels.get(e.envelopeId)?.voters ?? 0, byChannel: channels.get(e.envelopeId)?.byChannel ?? [] }));
  },
  serialize: (r) => {
    const channel = (key: string) => protectedValue(r.byChannel.find((g) => g.key === key));
    return {
      edicion: r.editionSlug,
      anio: r.editionYear,
      localidad: r.localidadCode,
      bolsa: r.envelopeName,
      votos_contados: r.ballots,
      votantes_registrados: r.voters,
      votantes_en_linea: r.byChannel.length ? channel('online') : 0,
      votantes_asistidos: r.byChannel.length ? channel('assisted') : 0,
      votantes_papel: r.byChannel.length ? channel('paper') : 0,
    };
  },
  openData: true,
};

/** For the manifest: `exports: participatoryBudgetsExports`. */
export const participatoryBudgetsExports: Record<string, ModuleExport> = {
  results: resultsExport,
  participation: participationExport,
};

/** For the manifest: `stats: participatoryBudgetsStats` (Bogotá's editions, proposals, ballots cast). */
export async function participatoryBudgetsStats(db: Executor): Promise<ModuleStat[]> {
  const counts = await countForStats(db);
  return [
    { key: 'editions', labelKey: 'participatory-budgets.stats.editions', value: counts.editions, href: '/presupuestos-participativos' },
    { key: 'proposals', labelKey: 'participatory-budgets.stats.proposals', value: counts.proposals, href: '/presupuestos-participativos' },
    { key: 'ballots', labelKey: 'participatory-budgets.results.stats.ballots', value: counts.ballots, href: '/presupuestos-participativos' },
  ];
}
