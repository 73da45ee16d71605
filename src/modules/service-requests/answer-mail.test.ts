import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { mimeParts, type MimePart } from '../../../test/smtp-message.ts';
import { runJobs, startSmtp, type ReceivedMail, type Smtp } from '../accounts/account.test-support.ts';
import { ANSWER_MAIL_MAX_BYTES } from './answer-mail.ts';
import { PDF, PNG, startHarness, type Harness, type Person, type Upload } from './service-requests.test-support.ts';

const contact = (email: string) => ({ kind: 'contact' as const, name: 'Luis Pérez', email, phone: null, address: null, documentType: null, documentHash: null });
/** A valid PDF of `bytes` bytes (the upload check reads only its first bytes). */
const pdfOf = (bytes: number, fill: number) => Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, fill)]);
const attachmentsOf = (mail: ReceivedMail): MimePart[] => mimeParts(mail).filter((p) => /^attachment/i.test(p.headers['content-disposition'] ?? ''));
const fileName = (part: MimePart) => /filename="?([^";]+)"?/.exec(part.headers['content-disposition'] ?? '')?.[1];
/** The readable text of a mail: its text part when it has files, else its body. */
const textOf = (mail: ReceivedMail) => {
  const part = mimeParts(mail).find((p) => (p.headers['content-type'] ?? '').startsWith('text/plain'));
  return part ? part.content.toString('utf8') : mail.body;
};

describe.each(testEngines())('the answer e-mail carries the answer’s files (%s)', (engine) => {
  let smtp: Smtp;
  let h: Harness;
  let official: Person;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness(engine, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, GAB_BASE_URL: 'https://gab.example.co' });
    official = await h.person('Olga Movilidad', [{ role: 'entity_official', entityCode: 'sdm' }]);
  }, 120_000);
  afterAll(async () => {
    await h?.t.close();
    await smtp?.close();
  });

  async function answer(radicado: string, files: Upload[]) {
    const response = await h.postMultipart(`/pqrs/gestion/${radicado}/responder`, official.cookie, { answer_outcome: 'favorable', answer_text: 'Adjuntamos la información solicitada sobre la semaforización.' }, files);
    expect(response.statusCode).toBe(303);
    await runJobs(h.t.app);
  }
  const answerMail = (to: string, radicado: string) => smtp.to(to).find((m) => m.headers.subject?.includes(radicado) && /respondida|answered/.test(m.headers.subject));

  it('attaches the files (names, types, bytes) to the mail of a requester without an account, and keeps the link', async () => {
    const filed = await h.fileDirect({ entityCode: 'sdm', requester: contact('luis.adjuntos@example.co') });
    await answer(filed.radicado, [
      { filename: 'respuesta.pdf', type: 'application/pdf', data: PDF },
      { filename: 'plano.png', type: 'image/png', data: PNG },
    ]);
    const mail = answerMail('luis.adjuntos@example.co', filed.radicado)!;
    expect(mail.headers.subject).toBe(`Su solicitud ${filed.radicado} fue respondida`);
    const files = attachmentsOf(mail);
    expect(files.map((f) => [fileName(f), f.headers['content-type']?.split(';')[0]])).toEqual([
      ['respuesta.pdf', 'application/pdf'],
      ['plano.png', 'image/png'],
    ]);
    expect(files[0]!.content.equals(PDF)).toBe(true);
    expect(files[1]!.content.equals(PNG)).toBe(true);
    const text = textOf(mail);
    expect(text).toContain('https://gab.example.co/pqrs/seguimiento');
    expect(text).toContain(filed.radicado);
    expect(text).not.toContain('demasiado grandes');
  });

  it('attaches them too for an account holder, in their language, with the follow page link', async () => {
    const citizen = await h.person('Carmen Cuenta');
    await h.t.database.db.updateTable('core_users').set({ locale: 'en', email_confirmed_at: new Date().toISOString() }).where('id', '=', citizen.id).execute();
    const filed = await h.fileDirect({ entityCode: 'sdm', requester: { kind: 'account', userId: citizen.id }, locale: 'en' });
    await answer(filed.radicado, [{ filename: 'respuesta.pdf', type: 'application/pdf', data: PDF }]);
    const mail = answerMail(citizen.email, filed.radicado)!;
    expect(mail.headers.subject).toBe(`Your request ${filed.radicado} was answered`);
    const files = attachmentsOf(mail);
    expect(files.map((f) => [fileName(f), f.headers['content-type']?.split(';')[0]])).toEqual([['respuesta.pdf', 'application/pdf']]);
    expect(files[0]!.content.equals(PDF)).toBe(true);
    expect(textOf(mail)).toContain(`https://gab.example.co/pqrs/seguimiento/${filed.radicado}`);
  });

  it('over the size cap attaches none, says so in the requester’s language, and keeps the link', async () => {
    const filed = await h.fileDirect({ entityCode: 'sdm', requester: contact('luis.grandes@example.co') });
    // Three files of 4 MB each: each within the 5 MB upload limit, together over the cap.
    const big = [1, 2, 3].map((n) => ({ filename: `anexo-${n}.pdf`, type: 'application/pdf', data: pdfOf(4 * 1024 * 1024, 0x30 + n) }));
    expect(big.reduce((sum, f) => sum + f.data.length, 0)).toBeGreaterThan(ANSWER_MAIL_MAX_BYTES);
    await answer(filed.radicado, big);
    const mail = answerMail('luis.grandes@example.co', filed.radicado)!;
    expect(attachmentsOf(mail)).toEqual([]);
    const text = textOf(mail);
    expect(text).toContain('Los archivos de la respuesta son demasiado grandes para enviarlos por correo: descárguelos en la página de seguimiento.');
    expect(text).toContain('https://gab.example.co/pqrs/seguimiento');
    expect(text).toContain(filed.radicado);
    // The files are still the answer's, on the follow page.
    const linked = await h.t.database.db.selectFrom('service_requests_attachments').select('id').where('request_id', '=', filed.id).where('kind', '=', 'answer').execute();
    expect(linked).toHaveLength(3);
  });
});
