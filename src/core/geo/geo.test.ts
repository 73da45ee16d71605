import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLocalidadByCode, findLocalidadByName, normalizeName } from './localidad-names.ts';
import { LOCALIDADES } from './localidades.data.ts';
import { LOCALIDADES_BBOX, localidadesGeoJson, locateLocalidad } from './locate.ts';

const SHIPPED_PATH = fileURLToPath(new URL('./localidades.geo.json', import.meta.url));
/** The full-resolution IDECA file lives outside the repository; tests that need it skip without it. */
const SOURCE_PATH = fileURLToPath(new URL('../../../../shared/geo/bogota-localidades.geojson', import.meta.url));
const HAS_SOURCE = existsSync(SOURCE_PATH);
const SOURCE_MISSING = `original polygons not found at ${SOURCE_PATH}; comparison against the source skipped`;

describe('localidades reference data', () => {
  it('lists the 20 localidades with codes 01 to 20 in order', () => {
    expect(LOCALIDADES.map((l) => l.code)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    for (const localidad of LOCALIDADES) expect(localidad.number).toBe(Number(localidad.code));
  });

  it('uses the official names with accents', () => {
    expect(LOCALIDADES.map((l) => l.name)).toEqual([
      'Usaquén', 'Chapinero', 'Santa Fe', 'San Cristóbal', 'Usme', 'Tunjuelito', 'Bosa', 'Kennedy',
      'Fontibón', 'Engativá', 'Suba', 'Barrios Unidos', 'Teusaquillo', 'Los Mártires', 'Antonio Nariño',
      'Puente Aranda', 'La Candelaria', 'Rafael Uribe Uribe', 'Ciudad Bolívar', 'Sumapaz',
    ]);
  });

  it('marks the eight localidades with rural land under the POT', () => {
    expect(LOCALIDADES.filter((l) => l.hasRuralArea).map((l) => l.code)).toEqual([
      '01', '02', '03', '04', '05', '11', '19', '20',
    ]);
  });

  it('writes areas as dot-decimal square metres with two decimals', () => {
    for (const localidad of LOCALIDADES) expect(localidad.areaM2).toMatch(/^\d+\.\d{2}$/);
    expect(LOCALIDADES[19]?.areaM2).toBe('780968757.72');
  });

  it('is frozen so callers cannot change the shared reference data', () => {
    expect(Object.isFrozen(LOCALIDADES)).toBe(true);
    expect(Object.isFrozen(LOCALIDADES[0])).toBe(true);
  });
});

describe('localidad names', () => {
  it('normalizes case, accents and spacing', () => {
    expect(normalizeName('  Ciudad   BOLÍVAR ')).toBe('ciudad bolivar');
    expect(normalizeName('Antonio Nariño')).toBe('antonio narino');
  });

  it.each([
    ['la candelaria', '17'],
    ['CANDELARIA', '17'],
    ['Candelaria', '17'],
    ['los martires', '14'],
    ['Martires', '14'],
    ['Los Mártires', '14'],
    ['fontibon', '09'],
    ['san cristobal', '04'],
    ['SAN CRISTÓBAL', '04'],
    ['Usaquén', '01'],
    ['santa fe', '03'],
    ['Santafé', '03'],
    ['antonio nariño', '15'],
    ['Rafael  Uribe Uribe', '18'],
    ['Localidad de Suba', '11'],
    ['9', '09'],
    ['09', '09'],
    [' 17 ', '17'],
    ['localidad 20', '20'],
  ])('finds %j as localidad %s', (input, code) => {
    expect(findLocalidadByName(input)?.code).toBe(code);
  });

  it.each(['bogota', 'Bogotá', '', '   ', '0', '21', '100', 'bolivar', 'la', 'Soacha'])(
    'returns null for %j, which is not a localidad',
    (input) => {
      expect(findLocalidadByName(input)).toBeNull();
    },
  );

  it('finds a localidad by its exact two-digit code only', () => {
    expect(findLocalidadByCode('09')?.name).toBe('Fontibón');
    expect(findLocalidadByCode('20')?.name).toBe('Sumapaz');
    expect(findLocalidadByCode('9')).toBeNull();
    expect(findLocalidadByCode('00')).toBeNull();
    expect(findLocalidadByCode('Fontibón')).toBeNull();
  });
});

describe('locating a point', () => {
  it.each([
    ['Plaza de Bolívar', -74.07609, 4.59811, '17'],
    ['Parque Simón Bolívar', -74.0936, 4.6584, '13'],
    ['El Dorado airport', -74.1469, 4.7016, '09'],
    ['Portal de las Américas', -74.1733, 4.6294, '08'],
    ['Portal Suba', -74.0935, 4.7465, '11'],
    ['Nazareth', -74.1367, 4.1481, '20'],
    ['Usaquén plaza', -74.0306, 4.6951, '01'],
    ['Parque de la 93', -74.0487, 4.6765, '02'],
    ['Portal Tunal', -74.1313, 4.5762, '06'],
    ['Portal Usme', -74.1147, 4.5311, '05'],
    ['Portal 80', -74.1113, 4.7103, '10'],
  ])('puts %s in localidad %s', (_, lon, lat, code) => {
    const found = locateLocalidad(lon, lat);
    expect(found?.code).toBe(code);
    expect(found?.name).toBe(findLocalidadByCode(code)?.name);
  });

  it.each([
    ['Soacha', -74.2176, 4.5794],
    ['null island', 0, 0],
    ['NaN', Number.NaN, Number.NaN],
    ['a NaN latitude', -74.07609, Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY, 4.6],
    ['Plaza de Bolívar with latitude and longitude swapped', 4.59811, -74.07609],
  ])('returns null for %s, which is outside Bogotá', (_, lon, lat) => {
    expect(locateLocalidad(lon, lat)).toBeNull();
  });

  it('finds La Candelaria inside Santa Fe’s hole and Santa Fe just outside it', () => {
    // La Candelaria is an enclave of Santa Fe: this checks that holes are honoured.
    expect(locateLocalidad(-74.07609, 4.59811)?.code).toBe('17');
    expect(locateLocalidad(-74.0560, 4.6080)?.code).toBe('03');
  });

  it('keeps the bounding box of the District', () => {
    const [minLon, minLat, maxLon, maxLat] = LOCALIDADES_BBOX;
    expect(minLon).toBeCloseTo(-74.4498, 3);
    expect(minLat).toBeCloseTo(3.731, 3);
    expect(maxLon).toBeCloseTo(-73.9865, 3);
    expect(maxLat).toBeCloseTo(4.8368, 3);
  });
});

describe('shipped simplified GeoJSON', () => {
  const collection = localidadesGeoJson();

  it('names its source in an attribution and says it is simplified', () => {
    expect(collection.attribution).toBe(
      'Localidades. Bogotá D.C. — IDECA, Infraestructura de Datos Espaciales de Bogotá (Datos Abiertos Bogotá)',
    );
    expect(collection.source_note).toMatch(/simplified/i);
  });

  it('has one feature per localidad with only code and name as properties', () => {
    expect(collection.features.map((f) => f.properties)).toEqual(
      LOCALIDADES.map((l) => ({ code: l.code, name: l.name })),
    );
  });

  it('stays within the 150 KB budget with coordinates rounded to 5 decimals', () => {
    expect(statSync(SHIPPED_PATH).size).toBeLessThanOrEqual(150 * 1024);
    const values = collection.features.flatMap((feature) => feature.geometry.coordinates.flat(3));
    expect(values.length).toBeGreaterThan(1000);
    expect(values.filter((value) => Math.abs(value * 1e5 - Math.round(value * 1e5)) > 1e-6)).toEqual([]);
  });

  it('is deeply frozen because every caller shares it', () => {
    expect(Object.isFrozen(collection)).toBe(true);
    expect(Object.isFrozen(collection.features[0]?.geometry.coordinates[0]?.[0]?.[0])).toBe(true);
  });
});

describe('agreement with the original IDECA polygons', () => {
  interface SourceFeature {
    properties: Record<string, string>;
    geometry: { coordinates: number[][][][] };
  }
  const source = (): SourceFeature[] =>
    (JSON.parse(readFileSync(SOURCE_PATH, 'utf8')) as { features: SourceFeature[] }).features;

  /**
   * Winding-number test, deliberately a different algorithm from the ray casting in locate.ts so
   * the two implementations check each other.
   */
  function windingNumber(ring: number[][], x: number, y: number): number {
    let winding = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [ax = 0, ay = 0] = ring[i]!;
      const [bx = 0, by = 0] = ring[i + 1]!;
      const side = (bx - ax) * (y - ay) - (x - ax) * (by - ay);
      if (ay <= y && by > y && side > 0) winding++;
      else if (ay > y && by <= y && side < 0) winding--;
    }
    return winding;
  }

  function locateInSource(features: SourceFeature[], x: number, y: number): string | null {
    for (const feature of features) {
      for (const [exterior = [], ...holes] of feature.geometry.coordinates) {
        if (windingNumber(exterior, x, y) !== 0 && holes.every((hole) => windingNumber(hole, x, y) === 0)) {
          return feature.properties['Identificador unico de la localidad'] ?? null;
        }
      }
    }
    return null;
  }

  it('locates 200 random points like the original polygons, with at most 2 disagreements', ({ skip }) => {
    skip(!HAS_SOURCE, SOURCE_MISSING);
    const features = source();
    // Seeded (mulberry32) so a failure can be reproduced.
    let seed = 20240601;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const [minLon, minLat, maxLon, maxLat] = LOCALIDADES_BBOX;
    const disagreements: string[] = [];
    let insideBogota = 0;
    for (let i = 0; i < 200; i++) {
      const lon = minLon + random() * (maxLon - minLon);
      const lat = minLat + random() * (maxLat - minLat);
      const expected = locateInSource(features, lon, lat);
      if (expected) insideBogota++;
      const actual = locateLocalidad(lon, lat)?.code ?? null;
      if (actual !== expected) disagreements.push(`(${lon}, ${lat}): ${actual} instead of ${expected}`);
    }
    expect(insideBogota).toBeGreaterThan(30); // about a third of the box is the District
    expect(disagreements.length, disagreements.join('\n')).toBeLessThanOrEqual(2);
  });

  it('matches the act and area written into localidades.data.ts', ({ skip }) => {
    skip(!HAS_SOURCE, SOURCE_MISSING);
    for (const feature of source()) {
      const localidad = findLocalidadByCode(feature.properties['Identificador unico de la localidad'] ?? '');
      expect(localidad).not.toBeNull();
      expect(localidad?.administrativeAct).toBe(feature.properties['Acto administrativo de la localidad']);
      const [whole = '', fraction = ''] = (feature.properties['Area de la localidad'] ?? '').split(',');
      expect(Number(localidad?.areaM2)).toBeCloseTo(Number(`${whole}.${fraction}`), 1);
      expect(normalizeName(localidad?.name ?? '')).toContain(normalizeName(feature.properties['Nombre de la localidad'] ?? '?'));
    }
  });
});
