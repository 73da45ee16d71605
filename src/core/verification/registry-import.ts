import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { withTransaction } from '../db/database.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { findLocalidadByName } from '../geo/localidad-names.ts';
import { CsvReader } from '../csv/csv-reader.ts';
import { DOCUMENT_TYPES, identityHash, normalizeDocumentNumber, type DocumentType } from './identity.ts';

/**
 * Import of an extract of the national registry (Registraduría) into `core_registry_records`.
 *
 * The file is a CSV with the header `tipo_documento,numero_documento,fecha_nacimiento,localidad`
 * (`;` or `,` as delimiter, detected from the header; UTF-8 with or without BOM; CRLF or LF;
 * fields may be quoted). It is read as a stream and written in batches, so memory stays flat
 * however large the extract is. Document numbers are normalised and replaced by their keyed hash
 * before anything reaches the database: the raw number is never stored.
 */

export const REGISTRY_COLUMNS = ['tipo_documento', 'numero_documento', 'fecha_nacimiento', 'localidad'] as const;

/** Why a row was refused; each code has a Spanish and English label for reports. */
export const REJECTION_REASONS = {
  columns: { es: 'número de columnas incorrecto', en: 'wrong number of columns' },
  document_type: { es: 'tipo de documento desconocido (CC, TI, CE, PPT o PA)', en: 'unknown document type (CC, TI, CE, PPT or PA)' },
  document_number: { es: 'número de documento inválido', en: 'invalid document number' },
  birth_date: { es: 'fecha de nacimiento inválida (AAAA-MM-DD o DD/MM/AAAA)', en: 'invalid birth date (YYYY-MM-DD or DD/MM/YYYY)' },
  localidad: { es: 'localidad desconocida', en: 'unknown localidad' },
  encoding: { es: 'caracteres que no son UTF-8', en: 'characters that are not UTF-8' },
  unterminated_quote: { es: 'comillas sin cerrar', en: 'unterminated quote' },
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

/** At most this many bad rows are listed in a report; `rejectedCount` counts them all. */
export const MAX_LISTED_REJECTIONS = 1000;
const DEFAULT_BATCH_SIZE = 1000;

export interface RegistryImportProgress {
  /** Data rows read so far (the header excluded). */
  rows: number;
  /** Bytes of the file read so far. */
  bytesRead: number;
  imported: number;
  updated: number;
  rejected: number;
}

export interface RegistryImportOptions {
  /** The server secret (GAB_SECRET): keys the identity hashes. */
  secret: string;
  /** Names this extract; stored on each record it writes. */
  batchId: string;
  onProgress?: (progress: RegistryImportProgress) => void;
  /** Rows per upsert statement. */
  batchSize?: number;
  /** Bad rows to list in the report (the count is always complete). */
  maxListedRejections?: number;
}

export interface RegistryImportReport {
  /** Records that were not in the database before. */
  imported: number;
  /** Records that replaced an earlier import of the same document (or an earlier line of this file). */
  updated: number;
  /** Up to `maxListedRejections` bad rows, by line number of the file (the header is line 1). */
  rejected: { line: number; reason: RejectionReason }[];
  /** Every bad row, listed or not. */
  rejectedCount: number;
  /** Data rows read (good and bad). */
  rows: number;
  bytesRead: number;
}

/** The file itself is unusable (wrong header, not a CSV): nothing was imported. */
export class RegistryImportError extends Error {
  constructor(
    readonly code: 'empty' | 'header',
    message: string,
  ) {
    super(message);
    this.name = 'RegistryImportError';
  }
}

/** A calendar date as YYYY-MM-DD from "YYYY-MM-DD" or "DD/MM/YYYY" (also D/M/YYYY and DD-MM-YYYY); null if it is no real date. */
export function parseRegistryDate(raw: string, today = new Date()): string | null {
  const text = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // The table refuses dates before 1900; a birth date cannot be in the future.
  if (iso <= '1900-01-01' || iso > today.toISOString().slice(0, 10)) return null;
  return iso;
}

/** "cc", "C.C.", " CC " → "CC"; null if it is not an accepted document type. */
export function parseDocumentType(raw: string): DocumentType | null {
  const cleaned = raw.normalize('NFKC').toUpperCase().replace(/[\s.]/g, '');
  return (DOCUMENT_TYPES as readonly string[]).includes(cleaned) ? (cleaned as DocumentType) : null;
}

/** A localidad code from "09", "9", "Fontibón", "LOS MARTIRES"…; undefined if unknown, null if empty. */
function parseLocalidad(raw: string): string | null | undefined {
  const text = raw.trim();
  if (text === '') return null;
  return findLocalidadByName(text)?.code ?? undefined;
}

const headerName = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

interface GoodRow {
  hash: string;
  birthDate: string;
  localidad: string | null;
}

/**
 * Streams a registry extract into `core_registry_records` (insert or update by identity hash).
 * Bad rows are reported, never imported; a later line for the same document replaces an earlier
 * one. Each batch is committed on its own, so an interrupted import can simply be run again.
 * Throws RegistryImportError when the header is missing or wrong (nothing is imported then).
 */
export async function importRegistryCsv(db: Db, readable: AsyncIterable<Buffer | string>, options: RegistryImportOptions): Promise<RegistryImportReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxListed = options.maxListedRejections ?? MAX_LISTED_REJECTIONS;
  const today = new Date();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  const reader = new CsvReader({ candidates: [',', ';'] });
  const report: RegistryImportReport = { imported: 0, updated: 0, rejected: [], rejectedCount: 0, rows: 0, bytesRead: 0 };
  let columns: number[] | null = null;
  let columnCount = 0;
  let batch = new Map<string, GoodRow>();

  const reject = (line: number, reason: RejectionReason) => {
    report.rejectedCount++;
    if (report.rejected.length < maxListed) report.rejected.push({ line, reason });
  };

  const progress = () =>
    options.onProgress?.({ rows: report.rows, bytesRead: report.bytesRead, imported: report.imported, updated: report.updated, rejected: report.rejectedCount });

  const flush = async () => {
    if (batch.size === 0) return;
    const rows = [...batch.values()];
    batch = new Map();
    // `xmax = 0` holds only for a freshly inserted row: it tells inserts from updates in one round trip.
    const result = await db
      .insertInto('core_registry_records')
      .values(rows.map((r) => ({ identity_hash: r.hash, birth_date: r.birthDate, localidad_code: r.localidad, batch_id: options.batchId, imported_at: today.toISOString() })))
      .onConflict((oc) =>
        oc.column('identity_hash').doUpdateSet((eb) => ({
          birth_date: eb.ref('excluded.birth_date'),
          localidad_code: eb.ref('excluded.localidad_code'),
          batch_id: eb.ref('excluded.batch_id'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    for (const row of result) {
      if (row.inserted) report.imported++;
      else report.updated++;
    }
    progress();
  };

  const handle = async (records: { line: number; fields: string[] }[]) => {
    for (const { line, fields } of records) {
      if (!columns) {
        const names = fields.map(headerName);
        const indexes = REGISTRY_COLUMNS.map((c) => names.indexOf(c));
        if (indexes.some((i) => i < 0)) {
          throw new RegistryImportError(
            'header',
            `La primera línea debe ser el encabezado ${REGISTRY_COLUMNS.join(',')} (separado por «,» o «;») / ` +
              `the first line must be the header ${REGISTRY_COLUMNS.join(',')} (separated by "," or ";")`,
          );
        }
        columns = indexes;
        columnCount = fields.length;
        continue;
      }
      report.rows++;
      if (fields.length !== columnCount) {
        reject(line, 'columns');
        continue;
      }
      const [typeRaw, numberRaw, dateRaw, localidadRaw] = columns.map((i) => fields[i]!) as [string, string, string, string];
      if (fields.some((f) => f.includes('\uFFFD'))) {
        reject(line, 'encoding');
        continue;
      }
      const type = parseDocumentType(typeRaw);
      if (!type) {
        reject(line, 'document_type');
        continue;
      }
      const number = normalizeDocumentNumber(type, numberRaw);
      if (!number) {
        reject(line, 'document_number');
        continue;
      }
      const birthDate = parseRegistryDate(dateRaw, today);
      if (!birthDate) {
        reject(line, 'birth_date');
        continue;
      }
      const localidad = parseLocalidad(localidadRaw);
      if (localidad === undefined) {
        reject(line, 'localidad');
        continue;
      }
      const hash = identityHash(options.secret, type, number);
      // One statement cannot touch a row twice: a repeated document goes into the next batch, so the later line wins.
      if (batch.has(hash)) await flush();
      batch.set(hash, { hash, birthDate, localidad });
      if (batch.size >= batchSize) await flush();
    }
  };

  const records: { line: number; fields: string[] }[] = [];
  for await (const chunk of readable) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    report.bytesRead += buffer.length;
    reader.push(decoder.decode(buffer, { stream: true }), records);
    // Reading waits while a batch is written: the stream is back-pressured, memory stays flat.
    await handle(records.splice(0));
    progress();
  }
  reader.push(decoder.decode(), records);
  const startOfLast = reader.currentRecordLine;
  const closed = reader.end(records);
  if (!closed) {
    // An unterminated quote swallowed the rest of the file into one field: report it, import the rest.
    const last = records.pop();
    await handle(records.splice(0));
    if (!columns) throw new RegistryImportError('header', 'El encabezado tiene comillas sin cerrar / the header has an unterminated quote');
    report.rows++;
    reject(last?.line ?? startOfLast, 'unterminated_quote');
  } else {
    await handle(records.splice(0));
  }
  if (!columns) throw new RegistryImportError('empty', 'El archivo está vacío / the file is empty');
  await flush();
  await withTransaction(db, (tx) =>
    recordAudit(tx, {
      actor: null,
      action: 'accounts.import-registry',
      resourceType: 'registry_batch',
      resourceId: options.batchId,
      after: { imported: report.imported, updated: report.updated, rejected: report.rejectedCount, rows: report.rows },
    }),
  );
  progress();
  return report;
}

/** One line per listed bad row, in Spanish / English. */
export function formatRejections(report: RegistryImportReport): string[] {
  const lines = report.rejected.map((r) => `  línea / line ${r.line}: ${REJECTION_REASONS[r.reason].es} / ${REJECTION_REASONS[r.reason].en}`);
  if (report.rejectedCount > report.rejected.length) {
    lines.push(`  … y ${report.rejectedCount - report.rejected.length} filas rechazadas más / and ${report.rejectedCount - report.rejected.length} more rejected rows`);
  }
  return lines;
}
