/**
 * Text decoding of uploaded CSVs whose encoding nobody declared: UTF-8 (with or without BOM) or
 * Windows-1252 / Latin-1, what spreadsheets on Spanish-language Windows still save. The choice is
 * made on the first chunk with a byte above 0x7F (until then both decodings agree): if it is
 * valid UTF-8 the file is taken as UTF-8, else as Windows-1252. Streaming, so nothing is buffered.
 */
export class AutoDecoder {
  private decoder: TextDecoder | null = null;
  encoding: 'utf-8' | 'windows-1252' | null = null;
  private readonly ascii = new TextDecoder('utf-8', { ignoreBOM: false });

  decode(chunk: Uint8Array): string {
    if (!this.decoder) {
      if (chunk.every((b) => b < 0x80)) return this.ascii.decode(chunk, { stream: true });
      this.encoding = looksLikeUtf8(chunk) ? 'utf-8' : 'windows-1252';
      // The ASCII decoder has already consumed any BOM: go on with a decoder that keeps none pending.
      this.decoder = this.encoding === 'utf-8' ? this.ascii : new TextDecoder('windows-1252');
    }
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return (this.decoder ?? this.ascii).decode();
  }
}

/** Valid UTF-8, allowing a multi-byte sequence cut at the end of the chunk. */
function looksLikeUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return false;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return true;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += length;
  }
  return true;
}

/** The delimiter of a header line: the most frequent of `,` `;` and tab outside quotes (`,` if none). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}
