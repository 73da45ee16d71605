import type { Locale, Translate } from '../i18n/i18n.ts';
import type { Actor } from '../permissions/permissions.ts';

export interface NavItem {
  href: string;
  labelKey: string;
}

/** Everything the layout and shared components need from the current request. */
export interface ViewContext {
  locale: Locale;
  t: Translate;
  /** Path of the current page (for the active nav item and the language switch's return). */
  path: string;
  csrfToken: string;
  actor: Actor | null;
  flash: { kind: 'success' | 'info' | 'error'; text: string }[];
  nav: readonly NavItem[];
  assetVersion: string;
  /** Public base URL without a trailing slash (canonical and Open Graph links must be absolute). */
  baseUrl: string;
}
