/** The locales GAB speaks: Spanish (Colombia) first, English second. */
export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es';

/** BCP 47 tags used for Intl formatting and the `lang` attribute. */
export const LOCALE_TAGS: Record<Locale, string> = { es: 'es-CO', en: 'en' };
export const TIME_ZONE = 'America/Bogota';

/** A message is a string with `{name}` placeholders, or plural forms chosen by `count`. */
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Messages = Record<string, Message>;
export type Catalog = Record<Locale, Messages>;
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
  es: new Intl.PluralRules('es-CO'),
  en: new Intl.PluralRules('en'),
};

/** Merges message catalogs; a key defined twice is a programming error and throws. */
export function mergeCatalogs(...catalogs: Partial<Catalog>[]): Catalog {
  const merged: Catalog = { es: {}, en: {} };
  for (const catalog of catalogs) {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(catalog[locale] ?? {})) {
        if (key in merged[locale]) throw new Error(`Duplicate i18n key ${locale}:${key}`);
        merged[locale][key] = message;
      }
    }
  }
  return merged;
}

/**
 * A translate function for one locale. Missing keys fall back to Spanish, then to the key itself,
 * so a gap shows up as visible text instead of an empty element.
 */
export function createTranslator(catalog: Catalog, locale: Locale): Translate {
  return (key, vars = {}) => {
    const message = catalog[locale][key] ?? catalog[DEFAULT_LOCALE][key];
    if (message === undefined) return key;
    let template: string;
    if (typeof message === 'string') template = message;
    else {
      const count = Number(vars.count ?? 0);
      template = message[pluralRules[locale].select(count)] ?? message.other;
    }
    // Most messages have no placeholder; skip the regex for them (about 40 calls per page).
    if (!template.includes('{')) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? formatNumber(locale, value) : value;
    });
  };
}

// One translator per catalog and locale, built on first use: a stable function, so what was
// rendered with it can be cached under it (views/prerendered.ts) and requests allocate none.
const translators = new WeakMap<Catalog, Partial<Record<Locale, Translate>>>();

/** The translator for `locale` over `catalog`; the same function on every call. */
export function translatorFor(catalog: Catalog, locale: Locale): Translate {
  let byLocale = translators.get(catalog);
  if (!byLocale) translators.set(catalog, (byLocale = {}));
  return (byLocale[locale] ??= createTranslator(catalog, locale));
}

/**
 * Picks the locale: an explicit choice (cookie) wins, then the browser's Accept-Language by
 * quality, then Spanish.
 */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((entry) => entry.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { base } of ranked) if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

// Number formats are costly to build and formatting runs on every page (figures, counts in
// messages): each is built once, under a short name its caller gives (not a key derived from the
// options on every call).
const numberFormats = new Map<string, Intl.NumberFormat>();
function cachedNumberFormat(locale: Locale, name: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${name}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE_TAGS[locale], options);
    numberFormats.set(key, format);
  }
  return format;
}

/** 1234567.5 → "1.234.567,5" (es-CO) or "1,234,567.5" (en). */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 2): string {
  return cachedNumberFormat(locale, `number${maximumFractionDigits}`, { maximumFractionDigits }).format(value);
}

/**
 * Colombian pesos, without cents as the district publishes them. Accepts a bigint or a numeric
 * string so amounts beyond 2^53 keep every digit.
 */
export function formatCop(locale: Locale, amount: number | bigint | string): string {
  const value = typeof amount === 'string' ? BigInt(amount.split('.')[0] ?? '0') : amount;
  return cachedNumberFormat(locale, 'cop', { style: 'currency', currency: 'COP', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(
    value as number,
  );
}

export function formatPercent(locale: Locale, ratio: number): string {
  return cachedNumberFormat(locale, 'percent', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A date (and optionally time) as seen in Bogotá, whatever the server's own time zone. */
export function formatDate(locale: Locale, value: Date | string, withTime = false): string {
  const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00-05:00` : value) : value;
  const key = `${locale}:${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { timeZone: TIME_ZONE, dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

// Building an Intl.DateTimeFormat costs tens of microseconds (time-zone data): every request that
// checks an age or a deadline would pay it, so the few formats are built once and reused.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const BOGOTA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

// Colombia has kept UTC−5 all year since its last daylight-saving period ended on 1993-04-04 (tz
// database, America/Bogota): from then on the day is plain arithmetic, which costs a fraction of
// Intl formatting on the paths every request takes (ages, deadlines). Earlier instants use tzdata.
const FIXED_OFFSET_SINCE = Date.UTC(1993, 3, 4, 5);
const BOGOTA_OFFSET_MS = 5 * 3_600_000;

/** The calendar day in Bogotá as YYYY-MM-DD (what "today" means for deadlines). */
export function bogotaDay(value: Date = new Date()): string {
  const time = value.getTime();
  if (time >= FIXED_OFFSET_SINCE && time < 253402300800000) return new Date(time - BOGOTA_OFFSET_MS).toISOString().slice(0, 10);
  return BOGOTA_DAY.format(value);
}
