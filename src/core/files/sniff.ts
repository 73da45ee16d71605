/**
 * The media type of an upload from its first bytes ("magic numbers"): the type a browser claims
 * can be wrong or forged, so stored files are typed by their content. Returns the type only if it
 * is one of `allowed`.
 */
const SIGNATURES: { type: string; matches: (data: Buffer) => boolean }[] = [
  { type: 'application/pdf', matches: (d) => d.length >= 5 && d.toString('latin1', 0, 5) === '%PDF-' },
  { type: 'image/jpeg', matches: (d) => d.length >= 3 && d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  { type: 'image/png', matches: (d) => d.length >= 8 && d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/webp', matches: (d) => d.length >= 12 && d.toString('latin1', 0, 4) === 'RIFF' && d.toString('latin1', 8, 12) === 'WEBP' },
];

export function sniffMediaType<T extends string>(data: Buffer, allowed: readonly T[]): T | null {
  const found = SIGNATURES.find((s) => s.matches(data));
  return found && (allowed as readonly string[]).includes(found.type) ? (found.type as T) : null;
}
