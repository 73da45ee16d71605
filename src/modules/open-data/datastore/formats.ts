/**
 * Text forms of datastore rows: CSV/TSV (RFC 4180 quoting), and the pieces of the streamed JSON and
 * GeoJSON downloads.
 */

function cell(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV/TSV lines (CRLF, as RFC 4180 and CKAN's records_format=csv). */
export function toDelimited(rows: unknown[][], delimiter = ','): string {
  return rows.map((r) => r.map((v) => cell(v, delimiter)).join(delimiter) + '\r\n').join('');
}

const LATITUDE = /^(lat|latitud|latitude|y)$/i;
const LONGITUDE = /^(lon|lng|long|longitud|longitude|x)$/i;

/** The latitude and longitude columns, when a table has both (GeoJSON needs them). */
export function coordinateFields(fields: { id: string; type: string }[]): { lat: string; lon: string } | null {
  const numeric = fields.filter((f) => f.type === 'numeric' || f.type === 'int');
  const lat = numeric.find((f) => LATITUDE.test(f.id))?.id;
  const lon = numeric.find((f) => LONGITUDE.test(f.id))?.id;
  return lat && lon ? { lat, lon } : null;
}

/** One GeoJSON Feature (a Point), or null when the row has no valid coordinates. */
export function feature(row: Record<string, unknown>, coords: { lat: string; lon: string }): string | null {
  const lat = Number(row[coords.lat]);
  const lon = Number(row[coords.lon]);
  if (row[coords.lat] === null || row[coords.lon] === null || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const properties = Object.fromEntries(Object.entries(row).filter(([k]) => k !== coords.lat && k !== coords.lon));
  return JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
}
