import { mergeCatalogs, type Catalog } from '../i18n/i18n.ts';
import { isRuntimeSchemaName } from '../db/dump-runtime.ts';
import { collectMigrations, type SqlMigration } from '../db/migrator.ts';
import { meetsRequirement, NO_REQUIREMENT, type ActionRequirement, type Actor, type Decision } from '../permissions/permissions.ts';
import type { AnyModule } from './module.ts';

export interface CanOptions {
  now?: Date;
  /** Requirement set by an admin for this action, overriding the manifest's default. */
  requirement?: ActionRequirement;
  /** The localidad the resource belongs to, for residence checks. */
  localidadCode?: string | null;
}

const CORE_MIGRATIONS = new URL('../db/migrations/', import.meta.url);

/** The modules of this installation, checked for consistency once at boot. */
export interface ModuleRegistry {
  modules: readonly AnyModule[];
  get(name: string): AnyModule;
  migrations(): SqlMigration[];
  /** Every module's runtime schemas (tables made while running), for `db dump` and `db restore`. */
  runtimeSchemas(): string[];
  catalog(coreCatalog: Partial<Catalog>): Catalog;
  /**
   * Checks what the action requires of the person (an admin's override, else the manifest's
   * default), then the module's own rule; the first denial wins. Unknown actions throw (a
   * programming error).
   */
  can(moduleName: string, action: string, actor: Actor | null, resource?: unknown, options?: CanOptions): Decision;
  /** The manifest's default requirement of an action. */
  defaultRequirement(moduleName: string, action: string): ActionRequirement;
}

export function createRegistry(modules: readonly AnyModule[]): ModuleRegistry {
  const byName = new Map<string, AnyModule>();
  const runtimeSchemaOwners = new Map<string, string>();
  for (const module of modules) {
    if (!/^[a-z][a-z0-9-]*$/.test(module.name)) throw new Error(`Module name must be kebab-case: ${module.name}`);
    if (byName.has(module.name)) throw new Error(`Module registered twice: ${module.name}`);
    for (const schema of module.runtimeSchemas ?? []) {
      if (!isRuntimeSchemaName(schema)) throw new Error(`Module ${module.name} declares an invalid runtime schema: ${schema}`);
      // A restore drops every table of a runtime schema: two owners would drop each other's.
      const owner = runtimeSchemaOwners.get(schema);
      if (owner) throw new Error(`Runtime schema ${schema} declared by both ${owner} and ${module.name}`);
      runtimeSchemaOwners.set(schema, module.name);
    }
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
    runtimeSchemas: () => [...runtimeSchemaOwners.keys()],
    catalog: (coreCatalog) => mergeCatalogs(coreCatalog, ...modules.map((m) => m.locales ?? {})),
    defaultRequirement(moduleName, action) {
      return (this.get(moduleName).requirements as Record<string, ActionRequirement> | undefined)?.[action] ?? NO_REQUIREMENT;
    },
    can(moduleName, action, actor, resource, options = {}) {
      const module = this.get(moduleName);
      const rule = (module.permissions as Record<string, (c: unknown) => Decision>)[action];
      if (!rule) throw new Error(`Module ${moduleName} has no action "${action}"`);
      const now = options.now ?? new Date();
      const requirement = options.requirement ?? this.defaultRequirement(moduleName, action);
      const eligible = meetsRequirement(actor, requirement, now, options.localidadCode);
      if (!eligible.allowed) return eligible;
      return rule({ actor, resource, now });
    },
  };
}
