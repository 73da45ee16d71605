import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './sniff.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

describe('sniffMediaType', () => {
  it('types a file by its first bytes, whatever its name or claimed type', () => {
    expect(sniffMediaType(PNG, ['image/png', 'image/jpeg'])).toBe('image/png');
    expect(sniffMediaType(JPEG, ['image/png', 'image/jpeg'])).toBe('image/jpeg');
    expect(sniffMediaType(WEBP, ['image/webp'])).toBe('image/webp');
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'), ['application/pdf'])).toBe('application/pdf');
  });

  it('refuses types that are not allowed, unknown content and truncated signatures', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'), ['image/png', 'image/jpeg'])).toBeNull();
    expect(sniffMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), ['image/png'])).toBeNull();
    expect(sniffMediaType(PNG.subarray(0, 4), ['image/png'])).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0), ['image/png'])).toBeNull();
  });
});
