import type { Catalog } from '../../../core/i18n/i18n.ts';
import { mergeCatalogs } from '../../../core/i18n/i18n.ts';
import enCore from './en.core.json' with { type: 'json' };
import enEditions from './en.editions.json' with { type: 'json' };
import enProposals from './en.proposals.json' with { type: 'json' };
import enResults from './en.results.json' with { type: 'json' };
import enVoting from './en.voting.json' with { type: 'json' };
import esCore from './es.core.json' with { type: 'json' };
import esEditions from './es.editions.json' with { type: 'json' };
import esProposals from './es.proposals.json' with { type: 'json' };
import esResults from './es.results.json' with { type: 'json' };
import esVoting from './es.voting.json' with { type: 'json' };

// One file per area (editions, proposals and valuation, voting, results); keys all start `participatory-budgets.`.
export const PARTICIPATORY_BUDGETS_LOCALES: Catalog = mergeCatalogs(
  { es: esCore, en: enCore },
  { es: esEditions, en: enEditions },
  { es: esProposals, en: enProposals },
  { es: esVoting, en: enVoting },
  { es: esResults, en: enResults },
);
