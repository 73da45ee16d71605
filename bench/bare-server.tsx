/**
 * The baseline for `npm run bench:http`: Fastify alone (no database, no hooks, no plugins) serving
 * a page of the same size and shape as GAB's home page, rendered per request with
 * preact-render-to-string from a static JSX tree, and the same 20-localidad JSON as
 * `GET /api/v1/localidades`. Started as a child process by bench/http.ts (`PORT` from the env).
 */
import Fastify from 'fastify';
import { renderToString } from 'preact-render-to-string';

const SITE = 'Gobierno Abierto de Bogotá';
const LEAD =
  'Un modelo de gestión que facilita una relación democrática y transparente entre la Administración Distrital y la ciudadanía, haciendo uso de las tecnologías de la información.';

const NAV = [
  { href: '/', label: 'Inicio' },
  { href: '/modelo', label: 'El modelo de Gobierno Abierto' },
  { href: '/localidades', label: 'Localidades y entidades' },
];

const STATS = [
  { value: 12, href: '/modelo#indicadores', label: 'indicadores del modelo' },
  { value: 20, href: '/localidades', label: 'localidades' },
  { value: 15, href: '/entidades', label: 'sectores administrativos' },
  { value: 71, href: '/entidades', label: 'entidades distritales' },
];

const MODULES = [
  { path: '/modelo', pillar: 'transparency', title: 'El modelo de Gobierno Abierto', text: 'Pilares, principios, estrategias y el tablero de indicadores del Modelo de Gobierno Abierto de Bogotá.' },
  { path: '/localidades', pillar: 'transparency', title: 'Localidades y entidades', text: 'Las 20 localidades de Bogotá, los 15 sectores administrativos y sus entidades.' },
];

const PILLARS = [
  { id: 'transparency', title: 'Transparencia', text: 'Información pública abierta y útil: presupuesto, datos, metas del plan de desarrollo y contratos. Lidera el sector Gestión Pública.' },
  { id: 'participation', title: 'Participación', text: 'Incidencia y decisión: presupuestos participativos, causas y consultas ciudadanas. Lidera el sector Gobierno.' },
  { id: 'collaboration', title: 'Colaboración', text: 'Inteligencia colectiva: co-creación de iniciativas, laboratorios y compromisos con actores no gubernamentales. Lidera el sector Planeación.' },
  { id: 'services', title: 'Servicios', text: 'Mejor experiencia de usuario: peticiones, red de atención y red de cuidado. Lidera el sector Gestión Pública.' },
];

const PRINCIPLES = [
  'Gobierno transparente',
  'Función pública orientada a la ciudadanía',
  'Participación incidente para el desarrollo sostenible',
  'Diálogos para la paz y la reconciliación',
  'Lucha frontal contra la corrupción',
];

const ROLES = [
  'Vigilancia ciudadana al gasto público y lucha contra la corrupción',
  'Incidencia ciudadana en las inversiones y políticas públicas',
  'Inteligencia colectiva',
  'Mejor experiencia de usuario con innovación y gestión de redes',
];

const POLICIES = [
  { href: '/terminos', label: 'Términos y condiciones' },
  { href: '/privacidad', label: 'Política de tratamiento de datos personales' },
  { href: '/accesibilidad', label: 'Accesibilidad' },
  { href: '/mapa-del-sitio', label: 'Mapa del sitio' },
  { href: '/api/v1/docs', label: 'API para desarrolladores' },
];

const PHONES = [
  { label: 'Conmutador', tel: '+576013813000', value: '(601) 381 3000' },
  { label: 'Línea 195', tel: '195', value: '195' },
];

const LOCALIDADES = [
  'Usaquén', 'Chapinero', 'Santa Fe', 'San Cristóbal', 'Usme', 'Tunjuelito', 'Bosa', 'Kennedy', 'Fontibón', 'Engativá',
  'Suba', 'Barrios Unidos', 'Teusaquillo', 'Los Mártires', 'Antonio Nariño', 'Puente Aranda', 'La Candelaria',
  'Rafael Uribe Uribe', 'Ciudad Bolívar', 'Sumapaz',
].map((name, i) => ({ code: String(i + 1).padStart(2, '0'), name }));

// A CSRF-like token, so the page carries a per-request value as GAB's does.
const token = () => Math.random().toString(36).slice(2).padEnd(43, 'x');

function Page({ path }: { path: string }) {
  return (
    <html lang="es-CO">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${SITE} · ${SITE}`}</title>
        <meta name="description" content={LEAD} />
        <meta property="og:title" content={SITE} />
        <meta property="og:site_name" content={SITE} />
        <meta property="og:description" content={LEAD} />
        <link rel="stylesheet" href="/assets/gab.css?v=0123456789" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#contenido">
          Saltar al contenido principal
        </a>
        <div class="govco-bar">
          <div class="container">
            <a href="https://www.gov.co/" class="govco-logo" aria-label="Ir al portal GOV.CO, portal del Estado colombiano">
              GOV.CO
            </a>
          </div>
        </div>
        <header class="site-header">
          <div class="container header-row">
            <a href="/" class="site-title">
              <span class="site-title-main">{SITE}</span>
              <span class="site-title-sub">Transparencia, participación, colaboración y servicios</span>
            </a>
            <div class="header-tools">
              <form method="get" action="/buscar" role="search" class="header-search">
                <label for="header-q" class="visually-hidden">
                  Buscar en el portal
                </label>
                <input id="header-q" name="q" type="search" placeholder="Buscar…" />
                <button type="submit">Buscar</button>
              </form>
              <form method="post" action="/idioma" class="language-switch">
                <input type="hidden" name="_csrf" value={token()} />
                <input type="hidden" name="next" value={path} />
                <button type="submit" name="lang" value="en" lang="en">
                  English
                </button>
              </form>
            </div>
          </div>
          <nav class="main-nav" aria-label="Navegación principal">
            <ul class="container">
              {NAV.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === path ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="contenido" tabIndex={-1}>
          <div class="container">
            <h1>{SITE}</h1>
            <p class="lead">{LEAD}</p>
            <p>
              <strong>Transferencia de poder de decisión a la ciudadanía.</strong>
            </p>
            <section aria-labelledby="home-figures">
              <h2 id="home-figures">En cifras</h2>
              <ul class="stats">
                {STATS.map((s) => (
                  <li class="stat">
                    <span class="stat-value">{s.value}</span> <a href={s.href}>{s.label}</a>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="home-pillars">
              <h2 id="home-pillars">Los cuatro pilares</h2>
              <ul class="cards">
                {PILLARS.map((pillar) => {
                  const modules = MODULES.filter((m) => m.pillar === pillar.id);
                  return (
                    <li class={`card pillar-${pillar.id}`}>
                      <h3>{pillar.title}</h3>
                      <p>{pillar.text}</p>
                      {modules.length > 0 ? (
                        <ul>
                          {modules.map((m) => (
                            <li>
                              <a href={m.path}>{m.title}</a>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <p class="hint">Pronto habrá más módulos en este pilar.</p>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
            <section aria-labelledby="home-modules">
              <h2 id="home-modules">Qué puede hacer aquí</h2>
              <ul class="cards">
                {MODULES.map((m) => (
                  <li class={`card pillar-${m.pillar}`}>
                    <h3>
                      <a href={m.path}>{m.title}</a>
                    </h3>
                    <p>{m.text}</p>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="home-principles">
              <h2 id="home-principles">Principios</h2>
              <ol>
                {PRINCIPLES.map((p) => (
                  <li>{p}</li>
                ))}
              </ol>
            </section>
            <section aria-labelledby="home-roles">
              <h2 id="home-roles">Su rol como ciudadano o ciudadana</h2>
              <ul>
                {ROLES.map((r) => (
                  <li>{r}</li>
                ))}
              </ul>
            </section>
          </div>
        </main>
        <footer class="site-footer">
          <div class="container footer-grid">
            <section aria-labelledby="footer-entity">
              <h2 id="footer-entity">Secretaría General de la Alcaldía Mayor de Bogotá D.C.</h2>
              <address>
                Carrera 8 No. 10-65, Bogotá D.C., Colombia
                <br />
                Código postal: 111711
                <br />
                Horario de atención: Lunes a viernes de 7:00 a.m. a 4:30 p.m.
                <br />
                {PHONES.map((p) => (
                  <>
                    {p.label}: <a href={`tel:${p.tel}`}>{p.value}</a>
                    <br />
                  </>
                ))}
                Correo institucional: <a href="mailto:contactenos@alcaldiabogota.gov.co">contactenos@alcaldiabogota.gov.co</a>
                <br />
                Notificaciones judiciales:{' '}
                <a href="mailto:notificacionesjudiciales@secretariageneral.gov.co">notificacionesjudiciales@secretariageneral.gov.co</a>
              </address>
            </section>
            <nav aria-labelledby="footer-policies">
              <h2 id="footer-policies">Políticas y enlaces</h2>
              <ul>
                {POLICIES.map((p) => (
                  <li>
                    <a href={p.href}>{p.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <div class="govco-footer">
            <div class="container">
              <a href="https://www.gov.co/">GOV.CO</a> · Contenido publicado bajo licencia CC BY-SA 4.0 salvo indicación en contrario. Software libre.
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}

const app = Fastify({ logger: false });

app.get('/', async (request, reply) => {
  const html = `<!doctype html>${renderToString(<Page path={request.url.split('?')[0] ?? '/'} />)}`;
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
});

app.get('/api/v1/localidades', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send({ data: LOCALIDADES }));

app.get('/healthz', async () => ({ status: 'ok' }));

const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`bare listening on ${port}\n`);

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
