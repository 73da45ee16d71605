import { describe, expect, it } from 'vitest';
import {
  bogotaDay,
  createTranslator,
  formatCop,
  formatDate,
  formatNumber,
  formatPercent,
  mergeCatalogs,
  negotiateLocale,
  translatorFor,
  type Catalog,
  type Messages,
} from './i18n.ts';
import coreEn from './locales/en.json' with { type: 'json' };
import coreEs from './locales/es.json' with { type: 'json' };

const CATALOG: Catalog = {
  es: {
    'test.results': { one: '{count} resultado', other: '{count} resultados' },
    'test.greeting': 'Hola, {name}. Tiene {count} mensajes.',
    'test.only-spanish': 'Solo en español',
  },
  en: {
    'test.results': { one: '{count} result', other: '{count} results' },
    'test.greeting': 'Hello, {name}. You have {count} messages.',
  },
};

describe('createTranslator', () => {
  const es = createTranslator(CATALOG, 'es');
  const en = createTranslator(CATALOG, 'en');

  it('chooses the Spanish plural form by count', () => {
    expect(es('test.results', { count: 1 })).toBe('1 resultado');
    expect(es('test.results', { count: 2 })).toBe('2 resultados');
    expect(es('test.results', { count: 0 })).toBe('0 resultados');
  });

  it('falls back to the "other" form when the locale has a category the message lacks', () => {
    // Spanish CLDR rules put exact millions in the "many" category.
    expect(es('test.results', { count: 1_000_000 })).toBe('1.000.000 resultados');
  });

  it('chooses the English plural form by count', () => {
    expect(en('test.results', { count: 1 })).toBe('1 result');
    expect(en('test.results', { count: 3 })).toBe('3 results');
  });

  it('substitutes placeholders, formatting numbers for the locale and leaving unknown ones visible', () => {
    expect(es('test.greeting', { name: 'Ana', count: 1234 })).toBe('Hola, Ana. Tiene 1.234 mensajes.');
    expect(en('test.greeting', { name: 'Ana', count: 1234 })).toBe('Hello, Ana. You have 1,234 messages.');
    expect(es('test.greeting', { name: 'Ana' })).toBe('Hola, Ana. Tiene {count} mensajes.');
  });

  it('falls back to Spanish, then to the key itself', () => {
    expect(en('test.only-spanish')).toBe('Solo en español');
    expect(en('test.missing-everywhere')).toBe('test.missing-everywhere');
    expect(es('test.missing-everywhere')).toBe('test.missing-everywhere');
  });

  it('translates with the real core catalog', () => {
    const t = createTranslator(mergeCatalogs({ es: coreEs as Messages, en: coreEn as Messages }), 'es');
    expect(t('search.results', { count: 1, q: 'parque' })).toBe('1 resultado para «parque»');
    expect(t('search.results', { count: 2, q: 'parque' })).toBe('2 resultados para «parque»');
  });
});

describe('translatorFor', () => {
  it('gives the same translator for a catalog and locale every time, so it can key caches', () => {
    const es = translatorFor(CATALOG, 'es');
    expect(translatorFor(CATALOG, 'es')).toBe(es);
    expect(translatorFor(CATALOG, 'en')).not.toBe(es);
    expect(translatorFor({ ...CATALOG }, 'es')).not.toBe(es);
    expect(es('test.results', { count: 2 })).toBe('2 resultados');
    expect(translatorFor(CATALOG, 'en')('test.results', { count: 1 })).toBe('1 result');
  });
});

describe('mergeCatalogs', () => {
  it('merges catalogs and refuses a key defined twice', () => {
    const merged = mergeCatalogs({ es: { a: 'A' } }, { es: { b: 'B' }, en: { b: 'B en' } });
    expect(merged).toEqual({ es: { a: 'A', b: 'B' }, en: { b: 'B en' } });
    expect(() => mergeCatalogs({ es: { a: 'A' } }, { es: { a: 'otra' } })).toThrow('Duplicate i18n key es:a');
  });
});

describe('negotiateLocale', () => {
  it('prefers the language chosen with the switch (cookie) over the browser header', () => {
    expect(negotiateLocale('en', 'es-CO,es;q=0.9')).toBe('en');
    expect(negotiateLocale('es', 'en-US,en;q=0.9')).toBe('es');
  });

  it('ignores a cookie naming a language GAB does not speak', () => {
    expect(negotiateLocale('fr', 'en-US')).toBe('en');
  });

  it('ranks Accept-Language entries by q-value, skipping unknown and refused languages', () => {
    expect(negotiateLocale(undefined, 'es;q=0.4, en;q=0.9')).toBe('en');
    expect(negotiateLocale(undefined, 'fr-FR, de;q=0.9, en-GB;q=0.8, es;q=0.7')).toBe('en');
    expect(negotiateLocale(undefined, 'EN-us')).toBe('en');
    expect(negotiateLocale(undefined, 'en;q=0, fr')).toBe('es');
  });

  it('falls back to Spanish for unknown or missing preferences', () => {
    expect(negotiateLocale(undefined, 'de-DE,fr;q=0.5')).toBe('es');
    expect(negotiateLocale(undefined, undefined)).toBe('es');
    expect(negotiateLocale(undefined, '')).toBe('es');
    expect(negotiateLocale(undefined, '*')).toBe('es');
  });
});

describe('number and currency formatting', () => {
  it('formats Colombian pesos beyond 2^53 keeping every digit', () => {
    const formatted = formatCop('es', '123456789012345678');
    // ICU writes es-CO currency as "$", a no-break space, then dot-grouped digits.
    expect(formatted).toBe('$\u00a0123.456.789.012.345.678');
    expect(formatted.replace(/\D/g, '')).toBe('123456789012345678');
  });

  it('formats pesos from numbers, bigints and decimal strings without cents', () => {
    expect(formatCop('es', 1500000)).toBe('$\u00a01.500.000');
    expect(formatCop('es', 9007199254740993n).replace(/\D/g, '')).toBe('9007199254740993');
    expect(formatCop('es', '2500.75')).toBe('$\u00a02.500');
    expect(formatCop('en', '1500000').replace(/[^\d,]/g, '')).toBe('1,500,000');
  });

  it('uses the Colombian decimal comma and dot grouping in Spanish, and the reverse in English', () => {
    expect(formatNumber('es', 1234567.5)).toBe('1.234.567,5');
    expect(formatNumber('en', 1234567.5)).toBe('1,234,567.5');
    expect(formatNumber('es', 3.14159)).toBe('3,14');
    expect(formatNumber('es', 3.14159, 4)).toBe('3,1416');
    // Formats are kept per locale and digits: each call gets its own, in any order.
    expect(formatNumber('en', 3.14159, 4)).toBe('3.1416');
    expect(formatNumber('es', 3.5, 0)).toBe('4');
    expect(formatNumber('es', 3.14159)).toBe('3,14');
  });

  it('formats percentages with one decimal', () => {
    expect(formatPercent('es', 0.1234)).toBe('12,3%');
    expect(formatPercent('en', 0.1234)).toBe('12.3%');
  });
});

describe('dates in Bogotá', () => {
  // 03:00 UTC on 1 January is 22:00 on 31 December in Bogotá (UTC−5).
  const instant = new Date('2026-01-01T03:00:00Z');

  it('formats an instant as the Bogotá calendar day, whatever the server time zone', () => {
    expect(formatDate('es', instant)).toBe('31 de diciembre de 2025');
    expect(formatDate('en', instant)).toBe('December 31, 2025');
    expect(formatDate('es', '2026-01-01T03:00:00Z')).toBe('31 de diciembre de 2025');
  });

  it('includes the Bogotá time when asked', () => {
    const withTime = formatDate('es', instant, true).replace(/\s/g, ' ');
    expect(withTime).toContain('31 de diciembre de 2025');
    expect(withTime).toMatch(/10:00 p\. ?m\./);
  });

  it('keeps a plain YYYY-MM-DD date on its own day', () => {
    expect(formatDate('es', '2026-01-01')).toBe('1 de enero de 2026');
    expect(formatDate('es', '2025-12-31')).toBe('31 de diciembre de 2025');
  });

  it('tells the Bogotá day as YYYY-MM-DD', () => {
    expect(bogotaDay(instant)).toBe('2025-12-31');
    expect(bogotaDay(new Date('2026-01-01T05:00:00Z'))).toBe('2026-01-01');
    expect(bogotaDay()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('agrees with the tz database on every hour from 1990 to 2040, across the 1992–93 daylight saving', () => {
    const tzdata = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric', month: '2-digit', day: '2-digit' });
    const differing: string[] = [];
    for (let time = Date.UTC(1990, 0, 1); time < Date.UTC(2040, 0, 1); time += 3_600_000 - 1) {
      const instant = new Date(time);
      if (bogotaDay(instant) !== tzdata.format(instant)) differing.push(instant.toISOString());
    }
    expect(differing).toEqual([]);
    expect(bogotaDay(new Date('1992-06-01T04:30:00Z'))).toBe('1992-06-01');
  });
});
