import type { Tx } from '../../core/db/database.ts';
import { normalizeName } from '../../core/geo/localidad-names.ts';
import { LOCALIDADES } from '../../core/geo/localidades.data.ts';
import { CONTROL_BODIES, SECTORS } from './sectors.data.ts';

/**
 * Loads localidades, sectors and entities (with one alcaldía local per localidad). Upserts, so it
 * can run on every start and picks up corrected names without duplicating anything.
 */
export async function seedReferenceData(tx: Tx): Promise<void> {
  for (const l of LOCALIDADES) {
    const values = {
      code: l.code,
      number: l.number,
      name: l.name,
      search_name: normalizeName(l.name),
      administrative_act: l.administrativeAct,
      area_m2: l.areaM2,
      has_rural_area: l.hasRuralArea,
    };
    await tx.insertInto('core_localidades').values(values).onConflict((oc) => oc.column('code').doUpdateSet(values)).execute();
  }
  for (const s of SECTORS) {
    const sector = { code: s.code, number: s.number, name: s.name, name_en: s.nameEn };
    await tx.insertInto('core_sectors').values(sector).onConflict((oc) => oc.column('code').doUpdateSet(sector)).execute();
    for (const e of s.entities) {
      const entity = { code: e.code, acronym: e.acronym, name: e.name, sector_code: s.code, kind: e.kind, localidad_code: null, website: e.website ?? null };
      await tx.insertInto('core_entities').values(entity).onConflict((oc) => oc.column('code').doUpdateSet(entity)).execute();
    }
  }
  for (const l of LOCALIDADES) {
    const entity = {
      code: `alcaldia-local-${l.code}`,
      acronym: `AL ${l.number}`,
      name: `Alcaldía Local de ${l.name}`,
      sector_code: 'gobierno',
      kind: 'local_mayoralty' as const,
      localidad_code: l.code,
      website: null,
    };
    await tx.insertInto('core_entities').values(entity).onConflict((oc) => oc.column('code').doUpdateSet(entity)).execute();
  }
  for (const b of CONTROL_BODIES) {
    const entity = { code: b.code, acronym: b.acronym, name: b.name, sector_code: null, kind: 'control_body' as const, localidad_code: null, website: b.website };
    await tx.insertInto('core_entities').values(entity).onConflict((oc) => oc.column('code').doUpdateSet(entity)).execute();
  }
}
