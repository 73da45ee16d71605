import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { PDF, PNG, filingFields, readReceipt, sessionCookie, startHarness, text, type Harness } from './service-requests.test-support.ts';

describe.each(testEngines())('filing and following a request (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => h?.t.close());

  it('serves the public pages', async () => {
    for (const url of ['/pqrs', '/pqrs/radicar', '/pqrs/seguimiento', '/pqrs/informe', '/calendario']) {
      const response = await h.get(url);
      expect(response.statusCode, url).toBe(200);
    }
  });

  it('files anonymously with a PDF, shows the code once, and follows by radicado and code', async () => {
    const filed = await h.postMultipart('/pqrs/radicar', undefined, filingFields(), [{ filename: 'evidencia.pdf', type: 'application/pdf', data: PDF }]);
    expect(filed.statusCode, filed.body).toBe(303);
    expect(filed.headers.location).toBe('/pqrs/radicada');
    const cookie = sessionCookie(filed);
    const receipt = await h.get('/pqrs/radicada', cookie);
    expect(receipt.statusCode).toBe(200);
    const { radicado, code } = readReceipt(receipt.body);
    expect(radicado).toMatch(/^\d{4}-\d{6}$/);
    expect((await h.get('/pqrs/radicada', cookie)).statusCode).toBe(302);
    const page = await h.get(`/pqrs/seguimiento/${radicado}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Semáforo dañado en la calle 26');
    expect(page.body).toContain('evidencia.pdf');

    const stranger = await h.get(`/pqrs/seguimiento/${radicado}`);
    expect(stranger.statusCode).toBe(302);
    const wrong = await h.post('/pqrs/seguimiento', undefined, { radicado, code: 'ABCD-EFGH-JKLM' });
    expect(wrong.statusCode).toBe(422);
    const right = await h.post('/pqrs/seguimiento', undefined, { radicado, code: code.toLowerCase().replace(/-/g, ' ') });
    expect(right.statusCode).toBe(303);
    const followed = await h.get(`/pqrs/seguimiento/${radicado}`, sessionCookie(right));
    expect(followed.statusCode).toBe(200);
  });
});
