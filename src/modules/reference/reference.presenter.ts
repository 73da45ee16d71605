import type { listLocalidades, listSectorsWithEntities } from './reference.queries.ts';

type LocalidadRow = Awaited<ReturnType<typeof listLocalidades>>[number];
type SectorRow = Awaited<ReturnType<typeof listSectorsWithEntities>>[number];
type EntityRow = SectorRow['entities'][number];

/** m² (numeric string) → km² with two decimals. */
export const areaKm2 = (areaM2: string) => Math.round(Number(areaM2) / 10_000) / 100;

export const presentLocalidadSummary = (l: Pick<LocalidadRow, 'code' | 'name'>) => ({ code: l.code, name: l.name });

export const presentLocalidad = (l: LocalidadRow, mayoralty: { code: string; name: string } | undefined) => ({
  code: l.code,
  number: l.number,
  name: l.name,
  administrativeAct: l.administrative_act,
  areaKm2: areaKm2(l.area_m2),
  hasRuralArea: l.has_rural_area,
  localMayoralty: mayoralty ? { code: mayoralty.code, name: mayoralty.name } : null,
});

export const presentEntity = (e: EntityRow) => ({
  code: e.code,
  acronym: e.acronym,
  name: e.name,
  kind: e.kind,
  localidadCode: e.localidad_code,
  website: e.website,
});

export const presentSector = (s: SectorRow) => ({ code: s.code, number: s.number, name: s.name, nameEn: s.name_en, entities: s.entities.map(presentEntity) });

/** Open-data row: codes stay two-digit strings ("01"), as in the District's datasets. */
export const serializeLocalidad = (l: LocalidadRow) => ({
  codigo: l.code,
  nombre: l.name,
  acto_administrativo: l.administrative_act,
  area_km2: areaKm2(l.area_m2),
  tiene_zona_rural: l.has_rural_area,
});
