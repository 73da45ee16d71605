import type { CkanActionDefinition } from '../ckan/action.ts';

/**
 * The DataStore actions of the CKAN API (datastore_search, datastore_search_sql, datastore_create,
 * datastore_upsert). The catalogue's dispatcher merges these with its own actions.
 */
export const DATASTORE_ACTIONS: Record<string, CkanActionDefinition> = {};
