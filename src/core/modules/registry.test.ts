import { describe, expect, it } from 'vitest';
import { defineModule } from './module.ts';
import { createRegistry } from './registry.ts';

const moduleWith = (name: string, runtimeSchemas?: string[]) =>
  defineModule({ name, pillar: 'core', titleKey: `${name}.title`, descriptionKey: `${name}.description`, actions: [], permissions: {}, runtimeSchemas });

describe('runtime schemas in the registry', () => {
  it('lists every module’s runtime schemas, for db dump and db restore', () => {
    expect(createRegistry([moduleWith('uno', ['datos_uno']), moduleWith('dos'), moduleWith('tres', ['datos_tres'])]).runtimeSchemas()).toEqual(['datos_uno', 'datos_tres']);
  });

  it('refuses at boot a schema core or PostgreSQL owns, an odd name, or one declared by two modules', () => {
    for (const schema of ['public', 'pg_temp', 'information_schema', 'Datos', 'datos; DROP', '']) {
      expect(() => createRegistry([moduleWith('uno', [schema])]), schema).toThrow(/invalid runtime schema/);
    }
    // A restore drops every table of a runtime schema: two owners would lose each other's.
    expect(() => createRegistry([moduleWith('uno', ['datos']), moduleWith('dos', ['datos'])])).toThrow(/declared by both uno and dos/);
  });
});
