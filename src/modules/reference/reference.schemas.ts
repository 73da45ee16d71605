import { Type } from '@sinclair/typebox';

export const LocalidadCodeParam = Type.Object({ code: Type.String({ pattern: '^(0[1-9]|1[0-9]|20)$', description: 'Código de dos dígitos "01"–"20"' }) });

export const LocalidadSummary = Type.Object({ code: Type.String({ examples: ['01'] }), name: Type.String({ examples: ['Usaquén'] }) });

export const LocalidadDetail = Type.Object({
  code: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  administrativeAct: Type.String(),
  areaKm2: Type.Number(),
  hasRuralArea: Type.Boolean(),
  localMayoralty: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
});

export const LookupQuery = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100, description: 'Nombre o número, sin importar tildes ni mayúsculas' }) });

export const LocateQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitud WGS84' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitud WGS84' }),
});

export const Entity = Type.Object({
  code: Type.String(),
  acronym: Type.String(),
  name: Type.String(),
  kind: Type.String({ enum: ['head', 'attached', 'linked', 'local_mayoralty', 'control_body'] }),
  localidadCode: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
});

export const Sector = Type.Object({ code: Type.String(), number: Type.Integer(), name: Type.String(), nameEn: Type.String(), entities: Type.Array(Entity) });
