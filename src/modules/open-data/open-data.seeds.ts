import type { Tx } from '../../core/db/database.ts';
import { GROUPS } from './catalogue.data.ts';

/** The thematic groups every installation needs (idempotent: existing groups keep their edits). */
export async function seedOpenDataReference(tx: Tx): Promise<void> {
  await tx
    .insertInto('open_data_groups')
    .values(GROUPS.map((g) => ({ name: g.name, title: g.title, description: g.description, eu_theme: g.euTheme })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
