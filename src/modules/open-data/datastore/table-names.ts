/** Names of datastore tables: `datastore.res_<resource uuid without dashes>`. */
export const DATASTORE_SCHEMA = 'datastore';

export function tableNameOf(resourceId: string): string {
  const hex = resourceId.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a resource id: ${resourceId}`);
  return `res_${hex}`;
}

/** Quotes an identifier (column names come from files and API callers: never raw SQL). */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export const qualifiedTable = (table: string) => `${DATASTORE_SCHEMA}.${ident(table)}`;

/** The table an import loads before it replaces the live one. */
export const stagingNameOf = (table: string) => `${table}_new`;
