/**
 * Why a file cannot be imported at all. These come from the file itself, so importing it again
 * fails the same way: the import job does not retry them, and the message (Spanish, then English)
 * is what the resource page shows. Anything else an import throws (the database or the file store
 * out of reach) may pass, and is not one of these.
 */
export type DatastoreImportErrorCode = 'empty' | 'unreadable' | 'too_many_columns' | 'invalid_content';

export class DatastoreImportError extends Error {
  constructor(
    readonly code: DatastoreImportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatastoreImportError';
  }
}

/** A datastore table holds at most this many columns from the file (PostgreSQL's 1600, minus `_id`). */
export const MAX_IMPORT_COLUMNS = 1599;

export const emptyFile = () => new DatastoreImportError('empty', 'El archivo está vacío / the file is empty');

export const unreadableXlsx = (cause: unknown) =>
  new DatastoreImportError(
    'unreadable',
    'El archivo no se puede leer como libro de Excel (XLSX): está dañado, incompleto o no es un archivo XLSX. ' +
      'Guárdelo de nuevo desde la hoja de cálculo y vuelva a subirlo. / ' +
      'The file cannot be read as an Excel workbook (XLSX): it is damaged, incomplete or not an XLSX file. ' +
      'Save it again from the spreadsheet and upload it again.',
    { cause },
  );

export const workbookWithoutSheets = () =>
  new DatastoreImportError(
    'unreadable',
    'El archivo es un ZIP pero no un libro de Excel (XLSX): no tiene ninguna hoja de cálculo. / ' +
      'The file is a ZIP but not an Excel workbook (XLSX): it has no worksheet.',
  );

export const unreadableCsv = (cause: unknown) =>
  new DatastoreImportError(
    'unreadable',
    'El archivo no se puede leer como CSV: tiene una línea demasiado larga o no es un archivo de texto. / ' +
      'The file cannot be read as CSV: a line is too long, or it is not a text file.',
    { cause },
  );

export const tooManyColumns = (count: number) =>
  new DatastoreImportError(
    'too_many_columns',
    `El archivo tiene ${count} columnas y una tabla del almacén de datos admite como máximo ${MAX_IMPORT_COLUMNS}. / ` +
      `The file has ${count} columns; a datastore table holds at most ${MAX_IMPORT_COLUMNS}.`,
  );

/**
 * A database error caused by the file's content rather than by the database being unavailable:
 * SQLSTATE class 22 (data exception: a value PostgreSQL cannot store) or 54 (a limit exceeded).
 * Connection, lock and resource errors (classes 08, 40, 53, 57…) stay retryable.
 */
export function contentErrorOf(error: unknown): DatastoreImportError | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !/^(22|54)[0-9A-Z]{3}$/.test(code)) return null;
  const detail = error instanceof Error ? error.message : code;
  return new DatastoreImportError(
    'invalid_content',
    `La base de datos no admite el contenido del archivo (${detail}). / The database does not accept the file's content (${detail}).`,
    { cause: error },
  );
}
