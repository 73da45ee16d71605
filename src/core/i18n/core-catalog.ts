import coreEn from './locales/en.json' with { type: 'json' };
import coreEs from './locales/es.json' with { type: 'json' };
import type { Messages } from './i18n.ts';

/** The core's own messages; modules add theirs through their manifests. */
export const CORE_CATALOG = { es: coreEs as Messages, en: coreEn as Messages };
