import type { Executor } from '../../core/db/database.ts';
import type { ModuleStat } from '../../core/modules/module.ts';
import type { SearchDocumentInput } from '../../core/search/search.ts';
import { consultationPath, listConsultations } from './consultations.queries.ts';
import { paragraphs } from './views/labels.ts';

/** Home-page figures: open consultations and everyone who ever took part. */
export async function consultationsStats(db: Executor): Promise<ModuleStat[]> {
  const consultations = await listConsultations(db);
  const participants = await db.selectFrom('consultations_participants').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return [
    { key: 'open', labelKey: 'consultations.stats.open', value: consultations.filter((c) => c.state === 'open').length, href: '/consultas#abiertas' },
    { key: 'participants', labelKey: 'consultations.stats.participants', value: Number(participants.n), href: '/consultas' },
  ];
}

/** One search document per published consultation. */
export async function consultationsSearchDocuments(db: Executor): Promise<SearchDocumentInput[]> {
  return (await listConsultations(db)).map((c) => ({
    module: 'consultations',
    ref: c.id,
    title: c.title,
    body: [c.entity_name, ...paragraphs(c.description)].join('\n'),
    url: consultationPath(c),
    localidadCode: c.localidades.length === 1 ? c.localidades[0] : null,
  }));
}
