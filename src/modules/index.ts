import type { AnyModule } from '../core/modules/module.ts';
import openData from './open-data/open-data.manifest.ts';
import accounts from './accounts/accounts.manifest.ts';
import admin from './admin/admin.manifest.ts';
import causes from './causes/causes.manifest.ts';
import consultations from './consultations/consultations.manifest.ts';
import model from './model/model.manifest.ts';
import participatoryBudgets from './participatory-budgets/participatory-budgets.manifest.ts';
import reference from './reference/reference.manifest.ts';
import serviceRequests from './service-requests/service-requests.manifest.ts';
import servicePoints from './service-points/service-points.manifest.ts';

/**
 * The modules of this installation, in navigation order. A module plugs in by being listed here
 * (no directory scanning: what runs is what you read).
 */
export const MODULES: readonly AnyModule[] = [model, reference, participatoryBudgets, causes, consultations, servicePoints, serviceRequests, openData, accounts, admin];
