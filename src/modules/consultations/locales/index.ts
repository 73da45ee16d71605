import type { Catalog } from '../../../core/i18n/i18n.ts';
import { mergeCatalogs } from '../../../core/i18n/i18n.ts';
import enAdmin from './en.admin.json' with { type: 'json' };
import enAnswer from './en.answer.json' with { type: 'json' };
import enCore from './en.core.json' with { type: 'json' };
import enPaper from './en.paper.json' with { type: 'json' };
import enResults from './en.results.json' with { type: 'json' };
import esAdmin from './es.admin.json' with { type: 'json' };
import esAnswer from './es.answer.json' with { type: 'json' };
import esCore from './es.core.json' with { type: 'json' };
import esPaper from './es.paper.json' with { type: 'json' };
import esResults from './es.results.json' with { type: 'json' };

// One file per area (the consultation and its list, answering, results, the back office and
// questionnaire builder, paper responses); keys all start `consultations.`.
export const CONSULTATIONS_LOCALES: Catalog = mergeCatalogs(
  { es: esCore, en: enCore },
  { es: esAnswer, en: enAnswer },
  { es: esResults, en: enResults },
  { es: esAdmin, en: enAdmin },
  { es: esPaper, en: enPaper },
);
