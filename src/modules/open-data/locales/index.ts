import type { Catalog } from '../../../core/i18n/i18n.ts';
import { mergeCatalogs } from '../../../core/i18n/i18n.ts';
import enCatalogue from './en.catalogue.json' with { type: 'json' };
import enCommunity from './en.community.json' with { type: 'json' };
import enDatastore from './en.datastore.json' with { type: 'json' };
import esCatalogue from './es.catalogue.json' with { type: 'json' };
import esCommunity from './es.community.json' with { type: 'json' };
import esDatastore from './es.datastore.json' with { type: 'json' };

// One file per area; keys all start `open-data.`.
export const OPEN_DATA_LOCALES: Catalog = mergeCatalogs({ es: esCatalogue, en: enCatalogue }, { es: esCommunity, en: enCommunity }, { es: esDatastore, en: enDatastore });
