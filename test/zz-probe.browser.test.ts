import { it } from 'vitest';
import { launchBrowser, runAxe, startTestServer } from './browser.ts';
it('probe', async () => {
  const server = await startTestServer();
  const browser = await launchBrowser();
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.baseUrl + '/localidades');
  try { console.log(await runAxe(page)); } catch (e) { console.log('NO BYPASS:', String(e).slice(0, 300)); }
  const p2 = await (await browser.newContext({ bypassCSP: true })).newPage();
  await p2.goto(server.baseUrl + '/localidades');
  await p2.evaluate(() => { document.documentElement.removeAttribute('lang'); document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/assets/favicon.svg"><p style="color:#aaa">low contrast text</p>'); });
  console.log((await runAxe(p2)).join('\n'));
  await browser.close(); await server.close();
}, 120000);
