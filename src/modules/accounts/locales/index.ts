import type { Catalog } from '../../../core/i18n/i18n.ts';
import { mergeCatalogs } from '../../../core/i18n/i18n.ts';
import enAccount from './en.account.json' with { type: 'json' };
import enApiTokens from './en.api-tokens.json' with { type: 'json' };
import enCore from './en.core.json' with { type: 'json' };
import enDesk from './en.desk.json' with { type: 'json' };
import enOidc from './en.oidc.json' with { type: 'json' };
import enPersonalData from './en.personal-data.json' with { type: 'json' };
import enRegistration from './en.registration.json' with { type: 'json' };
import enVerification from './en.verification.json' with { type: 'json' };
import esAccount from './es.account.json' with { type: 'json' };
import esApiTokens from './es.api-tokens.json' with { type: 'json' };
import esCore from './es.core.json' with { type: 'json' };
import esDesk from './es.desk.json' with { type: 'json' };
import esOidc from './es.oidc.json' with { type: 'json' };
import esPersonalData from './es.personal-data.json' with { type: 'json' };
import esRegistration from './es.registration.json' with { type: 'json' };
import esVerification from './es.verification.json' with { type: 'json' };

// One file per area keeps each screen's texts together; keys are all prefixed `accounts.`.
export const ACCOUNTS_LOCALES: Catalog = mergeCatalogs(
  { es: esCore, en: enCore },
  { es: esRegistration, en: enRegistration },
  { es: esAccount, en: enAccount },
  { es: esPersonalData, en: enPersonalData },
  { es: esVerification, en: enVerification },
  { es: esDesk, en: enDesk },
  { es: esOidc, en: enOidc },
  { es: esApiTokens, en: enApiTokens },
);
