import type { Catalog } from '../../../core/i18n/i18n.ts';
import { mergeCatalogs } from '../../../core/i18n/i18n.ts';
import enCore from './en.core.json' with { type: 'json' };
import enForms from './en.forms.json' with { type: 'json' };
import enPages from './en.pages.json' with { type: 'json' };
import esCore from './es.core.json' with { type: 'json' };
import esForms from './es.forms.json' with { type: 'json' };
import esPages from './es.pages.json' with { type: 'json' };

// One file per area (labels and notifications, pages, forms); keys all start `causes.`.
export const CAUSES_LOCALES: Catalog = mergeCatalogs({ es: esCore, en: enCore }, { es: esPages, en: enPages }, { es: esForms, en: enForms });
