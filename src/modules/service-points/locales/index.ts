import type { Catalog } from '../../../core/i18n/i18n.ts';
import { mergeCatalogs } from '../../../core/i18n/i18n.ts';
import enAdmin from './en.admin.json' with { type: 'json' };
import enBooking from './en.booking.json' with { type: 'json' };
import enCatalogue from './en.catalogue.json' with { type: 'json' };
import enCentres from './en.centres.json' with { type: 'json' };
import esAdmin from './es.admin.json' with { type: 'json' };
import esBooking from './es.booking.json' with { type: 'json' };
import esCatalogue from './es.catalogue.json' with { type: 'json' };
import esCentres from './es.centres.json' with { type: 'json' };

// One file per area (centres and map, catalogue, turns, back office); keys all start `service-points.`.
export const SERVICE_POINTS_LOCALES: Catalog = mergeCatalogs(
  { es: esCentres, en: enCentres },
  { es: esCatalogue, en: enCatalogue },
  { es: esBooking, en: enBooking },
  { es: esAdmin, en: enAdmin },
);
