import { createReadStream, createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './core/config/config.ts';
import { DirectoryLockedError } from './core/db/directory-lock.ts';
import { dumpDatabase, restoreDatabase } from './core/db/dump.ts';
import { migrateToLatest } from './core/db/migrator.ts';
import { jobHandlers } from './core/jobs/handlers.ts';
import { startJobWorker } from './core/jobs/jobs.ts';
import { pruneRateLimits } from './core/http/rate-limit.ts';
import { createRegistry } from './core/modules/registry.ts';
import { openConfiguredDatabase, prepareDatabase, seedAll, servicesFor } from './core/setup.ts';
import { createAdmin } from './core/users/create-admin.ts';
import { MODULES } from './modules/index.ts';

const HELP = `gab — Gobierno Abierto de Bogotá

Uso / usage: gab <comando> [opciones]

  serve                         Inicia el servidor (migra y carga datos de referencia antes)
  migrate                       Aplica las migraciones pendientes
  seed [--demo]                 Carga datos de referencia (y contenido de demostración)
  users create-admin --email E --name N
                                Crea una cuenta de administración de la plataforma
                                (contraseña desde GAB_ADMIN_PASSWORD o la entrada estándar)
  db dump ARCHIVO               Exporta toda la base de datos a un archivo portable (.ndjson.gz),
                                con las tablas del almacén de datos (DataStore)
  db restore ARCHIVO [--replace]
                                Restaura un volcado (de PGlite a PostgreSQL o al revés); con
                                --replace borra antes los datos y las tablas del DataStore del destino
  verification import ARCHIVO [--batch ID]
                                Importa un extracto de la Registraduría (CSV: tipo_documento,
                                numero_documento,fecha_nacimiento,localidad) para verificar identidades
  open-data import RECURSO|CONJUNTO ARCHIVO [--format csv|xlsx]
                                Carga un CSV o XLSX en el almacén de datos (DataStore) de un recurso
                                (por su id) o de un recurso nuevo de un conjunto (por su nombre)
  calendar holidays AÑO         Lista los festivos nacionales de Colombia de ese año (AAAA-MM-DD)
  calendar due AAAA-MM-DD N     Fecha de vencimiento de un término de N días hábiles contado
                                desde el día siguiente a esa fecha
  pb tally ARCHIVO.pb [--rule REGLA] [--json]
                                Cuenta los votos de un presupuesto participativo (archivo .pb de Pabulib)
                                e imprime los proyectos ganadores. Reglas: greedy, mes-cost, mes-card,
                                mes-cost-u, mes-cost-add1u, mes-cost-add1u-eqtool, mes-cost-add1u-noexh,
                                mes-card-add1u; sin --rule, la del archivo (greedy, equalshares/add1)
  pb import ARCHIVO.pb [--slug IDENTIFICADOR]
                                Carga una elección de Pabulib como edición cerrada con sus resultados
  pb export EDICION [SOBRE] [--part PARTE] [--output ARCHIVO]
                                Escribe los votos anonimizados de un sobre en formato Pabulib (.pb)

Variables de entorno: ver README (PORT, HOST, DATABASE_URL, GAB_DATA_DIR, GAB_SECRET, …).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (process.env.GAB_ADMIN_PASSWORD) return process.env.GAB_ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Contraseña / password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

async function serve(config: Config) {
  const registry = createRegistry(MODULES);
  const startedAt = performance.now();
  const database = await openConfiguredDatabase(config);
  const services = servicesFor(config, database);
  const { applied, demoSeeded } = await prepareDatabase(services, registry, { demo: config.seedDemo });
  const app = await buildApp({ config, database, registry, mailer: services.mailer });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(
    `GAB escuchando en http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port} ` +
      `(${database.kind}${database.kind === 'pglite' ? ` en ${config.dataDir}` : ''}; ${applied.length} migraciones aplicadas` +
      `${demoSeeded ? '; contenido de demostración cargado' : ''}; listo en ${Math.round(performance.now() - startedAt)} ms)\n`,
  );
  const worker = config.runJobs ? startJobWorker(database.db, jobHandlers(services, registry), (error) => app.log.error({ err: error }, 'job worker')) : null;
  const housekeeping = setInterval(() => void pruneRateLimits(database.db).catch(() => undefined), 3600_000);
  housekeeping.unref();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Deteniendo GAB (${signal})…\n`);
    clearInterval(housekeeping);
    await worker?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function withDatabase<T>(config: Config, work: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]) {
  // Checked before the option parser: "calendar due 2026-02-03 -3" must get a Spanish message, not
  // parseArgs' English one; the calendar needs no configuration or database either.
  if (argv[0] === 'calendar') {
    const { runCalendarCommand } = await import('./core/calendar/calendar-cli.ts');
    const code = runCalendarCommand(argv.slice(1), { stdout: process.stdout, stderr: process.stderr });
    if (code !== 0) process.exit(code);
    return;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, demo: { type: 'boolean' }, replace: { type: 'boolean' }, batch: { type: 'string' }, rule: { type: 'string' }, json: { type: 'boolean' }, slug: { type: 'string' }, part: { type: 'string' }, output: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, sub, arg] = positionals;
  if (!command || values.help || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  // Anyone may recount a published file: no configuration, secret or database needed.
  if (command === 'pb' && sub === 'tally') {
    const { runPbTally } = await import('./modules/participatory-budgets/tally/cli.ts');
    const code = await runPbTally(argv.slice(argv.indexOf('tally') + 1));
    if (code !== 0) process.exit(code);
    return;
  }
  const config = loadConfig();
  const registry = createRegistry(MODULES);
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withDatabase(config, async ({ db }) => {
        const result = await migrateToLatest(db, registry.migrations());
        const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
        process.stdout.write(applied.length ? applied.map((r) => `aplicada ${r.migrationName}\n`).join('') : 'La base de datos ya está al día.\n');
      });
    case 'seed':
      return withDatabase(config, async (database) => {
        const services = servicesFor(config, database);
        await migrateToLatest(database.db, registry.migrations());
        const { demoSeeded } = await seedAll(services, registry, { demo: Boolean(values.demo) });
        process.stdout.write(`Datos de referencia cargados${demoSeeded ? ' y contenido de demostración' : ''}.\n`);
      });
    case 'users':
      if (sub !== 'create-admin') fail('Uso: gab users create-admin --email E --name N');
      if (!values.email || !values.name) fail('Faltan --email y --name / --email and --name are required');
      return withDatabase(config, async (database) => {
        await migrateToLatest(database.db, registry.migrations());
        const result = await createAdmin(database.db, { email: values.email!, displayName: values.name!, password: await readPassword() });
        if (!result.ok) fail(result.message);
        process.stdout.write(`Administrador creado: ${values.email} (${result.userId})\n`);
      });
    case 'db':
      if (sub === 'dump' && arg) {
        return withDatabase(config, async ({ db }) => {
          const summary = await dumpDatabase(db, createWriteStream(arg), { runtimeSchemas: registry.runtimeSchemas() });
          process.stdout.write(`Volcado escrito en ${arg} (${JSON.stringify(summary)})\n`);
        });
      }
      if (sub === 'restore' && arg) {
        return withDatabase(config, async ({ db }) => {
          const summary = await restoreDatabase(db, createReadStream(arg), {
            migrations: registry.migrations(),
            runtimeSchemas: registry.runtimeSchemas(),
            replace: Boolean(values.replace),
          });
          process.stdout.write(`Volcado restaurado desde ${arg} (${JSON.stringify(summary)})\n`);
        });
      }
      return fail('Uso: gab db dump ARCHIVO | gab db restore ARCHIVO [--replace]');
    case 'verification': {
      if (sub !== 'import' || !arg) fail('Uso: gab verification import ARCHIVO [--batch ID]');
      const { checkRegistryFile, runRegistryImport } = await import('./core/verification/registry-import-cli.ts');
      // Checked before opening the database: a wrong path fails at once.
      const checked = await checkRegistryFile(arg!);
      if (typeof checked === 'string') fail(checked);
      const code = await withDatabase(config, async (database) => {
        // Records refer to the localidades: a fresh database needs its reference data first.
        await prepareDatabase(servicesFor(config, database, () => undefined), registry, { demo: false });
        return runRegistryImport(database.db, arg!, { secret: config.secret, batchId: values.batch, stdout: process.stdout, stderr: process.stderr });
      });
      if (code !== 0) process.exit(code);
      return;
    }
    case 'open-data': {
      const file = positionals[3];
      if (sub !== 'import' || !arg || !file) fail('Uso: gab open-data import RECURSO|CONJUNTO ARCHIVO [--format csv|xlsx]');
      const { runDatastoreImport } = await import('./modules/open-data/datastore/import/cli.ts');
      const code = await withDatabase(config, async (database) => {
        await prepareDatabase(servicesFor(config, database, () => undefined), registry, { demo: false });
        return runDatastoreImport(database.db, database.kind, arg!, file!, { format: values.format, stdout: process.stdout, stderr: process.stderr });
      });
      if (code !== 0) process.exit(code);
      return;
    }
    case 'pb': {
      // Participatory budgeting tools on Pabulib .pb files; tally needs no database.
      if (sub === 'import' || sub === 'export') {
        // Editions ⇄ Pabulib files: these need the database, migrated and with its reference data.
        const { runPbExport, runPbImport } = await import('./modules/participatory-budgets/pabulib-cli.ts');
        const args = argv.slice(argv.indexOf(sub) + 1);
        const code = await withDatabase(config, async (database) => {
          await prepareDatabase(servicesFor(config, database, () => undefined), registry, { demo: false });
          return (sub === 'import' ? runPbImport : runPbExport)(database.db, args);
        });
        if (code !== 0) process.exit(code);
        return;
      }
      return fail('Uso: gab pb tally ARCHIVO.pb [--rule REGLA] [--json] | gab pb import ARCHIVO.pb [--slug S] | gab pb export EDICION [SOBRE] [--output ARCHIVO]');
    }
    default:
      fail(`Comando desconocido: ${command}\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DirectoryLockedError) fail(error.message);
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.GAB_DEBUG) console.error(error);
  process.exit(1);
});
