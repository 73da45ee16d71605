import type { Catalog } from '../../../core/i18n/i18n.ts';
import { mergeCatalogs } from '../../../core/i18n/i18n.ts';
import enCore from './en.core.json' with { type: 'json' };
import enFiling from './en.filing.json' with { type: 'json' };
import enFollow from './en.follow.json' with { type: 'json' };
import enReport from './en.report.json' with { type: 'json' };
import enWork from './en.work.json' with { type: 'json' };
import esCore from './es.core.json' with { type: 'json' };
import esFiling from './es.filing.json' with { type: 'json' };
import esFollow from './es.follow.json' with { type: 'json' };
import esReport from './es.report.json' with { type: 'json' };
import esWork from './es.work.json' with { type: 'json' };

// One file per area (typology and shared texts, filing, following, officials' work, report and
// calendar); keys all start `service-requests.`.
export const SERVICE_REQUESTS_LOCALES: Catalog = mergeCatalogs(
  { es: esCore, en: enCore },
  { es: esFiling, en: enFiling },
  { es: esFollow, en: enFollow },
  { es: esWork, en: enWork },
  { es: esReport, en: enReport },
);
