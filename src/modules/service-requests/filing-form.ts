import type { FieldErrors } from '../../core/http/errors.ts';
import { DOCUMENT_TYPES, identityHash, normalizeDocumentNumber, type DocumentType } from '../../core/verification/identity.ts';
import type { Requester } from './commands/file-request.ts';
import { ROUTING_ENTITY } from './request-types.data.ts';
import { CHANNELS, type Channel } from './service-requests.schema.ts';

export const FILING_FIELDS = [
  'type',
  'entity',
  'localidad',
  'subject',
  'description',
  'identification',
  'citizen',
  'name',
  'email',
  'phone',
  'address',
  'document_type',
  'document_number',
  'channel',
  'consent',
  'files',
] as const;

/** What the person typed, echoed back with the errors (never stored as is). */
export type FilingForm = Record<Exclude<(typeof FILING_FIELDS)[number], 'consent' | 'files'>, string> & { consent: boolean };

export const EMPTY_FILING: FilingForm = {
  type: '',
  entity: '',
  localidad: '',
  subject: '',
  description: '',
  identification: '',
  citizen: '',
  name: '',
  email: '',
  phone: '',
  address: '',
  document_type: '',
  document_number: '',
  channel: '',
  consent: false,
};

const text = (body: unknown, name: string, max: number) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
};

export function readFilingForm(body: unknown): FilingForm {
  const form = { ...EMPTY_FILING };
  for (const name of Object.keys(EMPTY_FILING) as (keyof FilingForm)[]) {
    if (name === 'consent') continue;
    form[name] = text(body, name, name === 'description' ? 12_000 : 400);
  }
  form.consent = text(body, 'consent', 10) === 'yes';
  return form;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
export const DESK_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => c !== 'web');

export interface FilingChoices {
  types: { code: string; habeas_data: boolean }[];
  entities: readonly string[];
  localidades: readonly string[];
  /** Signed-in filer (web): may file as themselves. */
  signedIn: boolean;
  /** Desk clerk: chooses the channel, may file for a citizen of an open assisted session. */
  desk: { assistedCitizenIds: readonly string[] } | null;
  secret: string;
}

export interface ParsedFiling {
  typeCode: string;
  entityCode: string;
  localidadCode: string | null;
  subject: string;
  description: string;
  channel: Channel;
  requester: Requester;
}

/** Server-side validation of the filing form: every problem with a message next to its field. */
export function validateFiling(form: FilingForm, choices: FilingChoices): { errors: FieldErrors; parsed?: ParsedFiling } {
  const errors: FieldErrors = {};
  const P = 'service-requests.errors';
  const type = choices.types.find((t) => t.code === form.type);
  if (!type) errors.type = { key: `${P}.type_required` };
  const entityCode = form.entity.trim() || ROUTING_ENTITY;
  if (!choices.entities.includes(entityCode)) errors.entity = { key: `${P}.entity_unknown` };
  const localidadCode = form.localidad.trim() || null;
  if (localidadCode && !choices.localidades.includes(localidadCode)) errors.localidad = { key: `${P}.localidad_unknown` };
  const subject = form.subject.trim().replace(/\s+/g, ' ');
  if (subject.length < 3 || subject.length > 200) errors.subject = { key: `${P}.subject_length`, vars: { min: 3, max: 200 } };
  const description = form.description.trim();
  if (description.length < 10 || description.length > 10_000) errors.description = { key: `${P}.description_length`, vars: { min: 10, max: 10000 } };

  let channel: Channel = 'web';
  if (choices.desk) {
    if (!DESK_CHANNELS.includes(form.channel as Channel)) errors.channel = { key: `${P}.channel_required` };
    else channel = form.channel as Channel;
  }

  let requester: Requester | null = null;
  const identification = form.identification;
  if (identification === 'account') {
    if (choices.desk) {
      if (!choices.desk.assistedCitizenIds.includes(form.citizen)) errors.citizen = { key: `${P}.citizen_required` };
      else requester = { kind: 'account', userId: form.citizen };
    } else if (!choices.signedIn) errors.identification = { key: `${P}.account_needs_sign_in` };
    else requester = { kind: 'account', userId: '' }; // the route fills in the signed-in person
  } else if (identification === 'anonymous') {
    if (type?.habeas_data) errors.identification = { key: `${P}.habeas_not_anonymous` };
    else requester = { kind: 'anonymous' };
  } else if (identification === 'contact') {
    const name = form.name.trim().replace(/\s+/g, ' ');
    const email = form.email.trim().toLowerCase();
    const phone = form.phone.trim();
    const address = form.address.trim();
    if (name.length < 2 || name.length > 200) errors.name = { key: `${P}.name_required` };
    if (email && (!EMAIL.test(email) || email.length > 254)) errors.email = { key: `${P}.email_invalid` };
    if (!email && !address) errors.email = { key: `${P}.contact_required` };
    if (phone && !/^[0-9+() \-]{7,40}$/.test(phone)) errors.phone = { key: `${P}.phone_invalid` };
    if (address.length > 300) errors.address = { key: `${P}.address_length` };
    let documentType: DocumentType | null = null;
    let documentHash: string | null = null;
    const wantsDocument = Boolean(form.document_type || form.document_number.trim()) || Boolean(type?.habeas_data);
    if (wantsDocument) {
      if (!(DOCUMENT_TYPES as readonly string[]).includes(form.document_type)) errors.document_type = { key: `${P}.document_type_required` };
      else {
        documentType = form.document_type as DocumentType;
        const number = normalizeDocumentNumber(documentType, form.document_number);
        if (!number) errors.document_number = { key: `${P}.document_number_invalid` };
        else documentHash = identityHash(choices.secret, documentType, number);
      }
    }
    requester = { kind: 'contact', name, email: email || null, phone: phone || null, address: address || null, documentType, documentHash };
  } else {
    errors.identification = { key: `${P}.identification_required` };
  }

  if (!form.consent) errors.consent = { key: `${P}.consent_required` };
  if (Object.keys(errors).length > 0 || !type || !requester) return { errors };
  return { errors, parsed: { typeCode: type.code, entityCode, localidadCode, subject, description, channel, requester } };
}
