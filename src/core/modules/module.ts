import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Db, Executor, Tx } from '../db/database.ts';
import type { Catalog, Locale } from '../i18n/i18n.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { ActionRequirement, PermissionRule } from '../permissions/permissions.ts';
import type { FileStore } from '../files/file-store.ts';
import type { SearchDocumentInput } from '../search/search.ts';

/** The four pillars of Bogotá's open-government model; every module belongs to one. */
export const PILLARS = ['transparency', 'participation', 'collaboration', 'services'] as const;
export type Pillar = (typeof PILLARS)[number];

/** Core services handed to module routes, seeds and jobs. */
export interface Services {
  config: Config;
  db: Db;
  dbKind: 'pglite' | 'postgres';
  mailer: Mailer;
  files: FileStore;
}

/** A figure shown on the home page ("20 localidades"). */
export interface ModuleStat {
  key: string;
  /** i18n key of the label; its plural forms are chosen by `value`. */
  labelKey: string;
  value: number;
  href?: string;
}

/** A dataset a module publishes: admins export it, and open data republishes it. */
export interface ModuleExport<Row = any> {
  titleKey: string;
  /** Rows in a stable order; must not include personal data. */
  query: (db: Executor) => Promise<Row[]>;
  /** Row → flat public record (whitelist). */
  serialize: (row: Row) => Record<string, string | number | boolean | null>;
  openData: boolean;
}

/** A public page the module serves without parameters: listed in the site map and checked by the browser suite. */
export interface ModulePage {
  path: string;
  titleKey: string;
}

export interface SettingDefinition {
  type: 'integer' | 'boolean' | 'string';
  default: number | boolean | string;
  descriptionKey: string;
  /** Bounds of an integer setting, checked when an admin saves it and when it is read back. */
  min?: number;
  max?: number;
  /** Longest accepted string (500 characters when absent). */
  maxLength?: number;
}

/**
 * The contract every module fulfils. A module plugs in by being listed in `src/modules/index.ts`;
 * `module.contract.test.ts` checks every manifest.
 */
export interface ModuleManifest<A extends string = string> {
  /** kebab-case; also the prefix of its tables (snake_case) and i18n keys. */
  name: string;
  pillar: Pillar | 'core';
  /** i18n keys of the name and one-line description shown on the home page and site map. */
  titleKey: string;
  descriptionKey: string;
  /** The module's entry page, if citizens can visit it. */
  path?: string;
  actions: readonly A[];
  /** One rule per action: `can()` consults these. */
  permissions: { [K in A]: PermissionRule };
  /**
   * What each action requires of the person by default (verification level, minimum age); a
   * platform admin can change it per action in the back office.
   */
  requirements?: Partial<Record<A, ActionRequirement>>;
  settings?: Record<string, SettingDefinition>;
  locales?: Partial<Catalog>;
  routes?: (app: FastifyInstance, services: Services) => void | Promise<void>;
  /** Folder of timestamped `.sql` migrations; tables are prefixed with the module's name. */
  migrations?: URL;
  /** Reference data every installation needs, then optional demo content. Both must be idempotent. */
  seeds?: {
    reference?: (tx: Tx, services: Services) => Promise<void>;
    demo?: (tx: Tx, services: Services) => Promise<void>;
  };
  exports?: Record<string, ModuleExport>;
  /** Every search document the module owns, for a full reindex. */
  searchDocuments?: (db: Executor) => Promise<SearchDocumentInput[]>;
  stats?: (db: Executor) => Promise<ModuleStat[]>;
  pages?: ModulePage[];
  /**
   * What this module keeps that names the person (art. 8 Ley 1581, the right to know one's data):
   * added under `contributions.<module>` to "Mis datos". Never what the platform promised to keep
   * unlinkable (secret ballots and secret answers are not linked to anyone, so they cannot appear).
   */
  personalData?: (db: Executor, userId: string) => Promise<Record<string, unknown>>;
  /**
   * Schemas whose tables the module creates while it runs rather than in migrations (the open-data
   * DataStore's one table per dataset). `gab db dump` saves their tables' definitions with their
   * rows and `gab db restore` creates them again (`--replace` drops the ones already there), so
   * keep such tables to what core/db/dump-runtime.ts can rebuild: columns of built-in types, NOT
   * NULL, an identity column, a primary key and b-tree indexes on columns (or a function of one).
   */
  runtimeSchemas?: readonly string[];
  /** Background job handlers, keyed by job name (prefix them with the module name). */
  jobs?: Record<string, (payload: any, services: Services) => Promise<void>>;
}

/** Declares a module; `as const` action names make `can(…, 'typo', …)` a compile error. */
export function defineModule<const A extends string>(manifest: ModuleManifest<A>): ModuleManifest<A> {
  return manifest;
}

export type AnyModule = ModuleManifest<string>;

/** Forms the locale needs for a page header. */
export type { Locale };
