import { mergeCatalogs, type Catalog } from '../i18n/i18n.ts';
import { collectMigrations, type SqlMigration } from '../db/migrator.ts';
import type { Decision, Actor } from '../permissions/permissions.ts';
import type { AnyModule } from './module.ts';

const CORE_MIGRATIONS = new URL('../db/migrations/', import.meta.url);

/** The modules of this installation, checked for consistency once at boot. */
export interface ModuleRegistry {
  modules: readonly AnyModule[];
  get(name: string): AnyModule;
  migrations(): SqlMigration[];
  catalog(coreCatalog: Partial<Catalog>): Catalog;
  /** Asks the module's rule for `action`; unknown actions are denied loudly (a programming error). */
  can(moduleName: string, action: string, actor: Actor | null, resource?: unknown, now?: Date): Decision;
}

export function createRegistry(modules: readonly AnyModule[]): ModuleRegistry {
  const byName = new Map<string, AnyModule>();
  for (const module of modules) {
    if (!/^[a-z][a-z0-9-]*$/.test(module.name)) throw new Error(`Module name must be kebab-case: ${module.name}`);
    if (byName.has(module.name)) throw new Error(`Module registered twice: ${module.name}`);
    for (const action of module.actions) {
      if (typeof (module.permissions as Record<string, unknown>)[action] !== 'function') {
        throw new Error(`Module ${module.name} has no permission rule for action "${action}"`);
      }
    }
    byName.set(module.name, module);
  }
  return {
    modules,
    get(name) {
      const module = byName.get(name);
      if (!module) throw new Error(`Unknown module ${name}`);
      return module;
    },
    migrations: () =>
      collectMigrations([
        { dir: CORE_MIGRATIONS, source: 'core' },
        ...modules.filter((m) => m.migrations).map((m) => ({ dir: m.migrations!, source: m.name })),
      ]),
    catalog: (coreCatalog) => mergeCatalogs(coreCatalog, ...modules.map((m) => m.locales ?? {})),
    can(moduleName, action, actor, resource, now = new Date()) {
      const module = this.get(moduleName);
      const rule = (module.permissions as Record<string, (c: unknown) => Decision>)[action];
      if (!rule) throw new Error(`Module ${moduleName} has no action "${action}"`);
      return rule({ actor, resource, now });
    },
  };
}
