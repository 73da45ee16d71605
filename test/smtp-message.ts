/** Decodes what a real SMTP server received, for tests that read the mails GAB sends. */

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_whole, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** Splits a single-part message into decoded headers and a decoded body. */
export function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding']?.toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  } else {
    body = Buffer.from(body, 'latin1').toString('utf8');
  }
  return { headers, body: body.replace(/\r\n/g, '\n').trimEnd() };
}

const quotedPrintable = (text: string) => Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');

export interface MimePart {
  headers: Record<string, string>;
  content: Buffer;
}

/**
 * The leaf parts of a multipart message as parseMessage returned it (its body still the raw MIME
 * text), nested multiparts flattened, each with decoded headers and decoded bytes. [] when the
 * message is not multipart.
 */
export function mimeParts(message: { headers: Record<string, string>; body: string }): MimePart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(message.headers['content-type'] ?? '')?.[1];
  if (!boundary) return [];
  const parts: MimePart[] = [];
  for (const chunk of message.body.replace(/\r\n/g, '\n').split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const text = chunk.replace(/^\n/, '');
    const split = text.indexOf('\n\n');
    const headers: Record<string, string> = {};
    for (const line of text.slice(0, split).replace(/\n[ \t]+/g, ' ').split('\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
    }
    const body = text.slice(split + 2).replace(/\n$/, '');
    if (/^multipart\//i.test(headers['content-type'] ?? '')) {
      parts.push(...mimeParts({ headers, body }));
      continue;
    }
    const encoding = headers['content-transfer-encoding']?.toLowerCase();
    const content = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? quotedPrintable(body) : Buffer.from(body, 'utf8');
    parts.push({ headers, content });
  }
  return parts;
}
