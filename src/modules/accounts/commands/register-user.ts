import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db } from '../../../core/db/database.ts';
import { emitEvent } from '../../../core/events/events.ts';
import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { bogotaDay, type Locale } from '../../../core/i18n/i18n.ts';
import { queueMail } from '../../../core/mail/mail-queue.ts';
import { hashPassword, passwordProblem } from '../../../core/security/passwords.ts';
import { POLICIES } from '../../../core/site/policies.ts';
import { DOCUMENT_TYPES, identityHash, normalizeDocumentNumber, type DocumentType } from '../../../core/verification/identity.ts';
import { formText, normalizeEmail, selfActor } from '../account-access.ts';
import { accountMail, type MailContext } from '../account-mails.ts';
import { issueUserToken } from '../account-tokens.ts';

/** Allowed answers of the optional differential-approach questions (the CHECK constraints of core_profiles). */
export const DIFFERENTIAL_OPTIONS = {
  gender: ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say'],
  ethnic_group: ['none', 'indigenous', 'afro', 'raizal', 'palenquero', 'rrom', 'prefer_not_to_say'],
  disability: ['none', 'physical', 'sensory', 'intellectual', 'psychosocial', 'multiple', 'prefer_not_to_say'],
  conflict_victim: ['yes', 'no', 'prefer_not_to_say'],
} as const;
export type DifferentialField = keyof typeof DIFFERENTIAL_OPTIONS;
export const DIFFERENTIAL_FIELDS = Object.keys(DIFFERENTIAL_OPTIONS) as DifferentialField[];

/** What the registration form sends back when it is shown again: everything but the password. */
export interface RegistrationForm {
  display_name: string;
  email: string;
  document_type: string;
  document_number: string;
  birth_day: string;
  birth_month: string;
  birth_year: string;
  localidad: string;
  gender: string;
  ethnic_group: string;
  disability: string;
  conflict_victim: string;
  consent: boolean;
}

export const EMPTY_REGISTRATION: RegistrationForm = {
  display_name: '',
  email: '',
  document_type: '',
  document_number: '',
  birth_day: '',
  birth_month: '',
  birth_year: '',
  localidad: '',
  gender: '',
  ethnic_group: '',
  disability: '',
  conflict_victim: '',
  consent: false,
};

/** Field names in the order the form shows them (and the error summary lists them). */
export const REGISTRATION_FIELDS = ['display_name', 'email', 'password', 'document_type', 'document_number', 'birth_date', 'localidad', ...DIFFERENTIAL_FIELDS, 'consent'] as const;

/** A validated registration, ready to store. */
export interface RegistrationInput {
  displayName: string;
  email: string;
  password: string;
  documentType: DocumentType;
  /** Normalised; it only ever leaves this object as a keyed hash. */
  documentNumber: string;
  birthDate: string;
  localidadCode: string;
  differential: Record<DifferentialField, string | null>;
  locale: Locale;
}

export function readRegistrationForm(body: unknown): { form: RegistrationForm; password: string } {
  return {
    form: {
      display_name: formText(body, 'display_name', 300),
      email: formText(body, 'email', 300),
      document_type: formText(body, 'document_type', 10),
      document_number: formText(body, 'document_number', 40),
      birth_day: formText(body, 'birth_day', 10),
      birth_month: formText(body, 'birth_month', 10),
      birth_year: formText(body, 'birth_year', 10),
      localidad: formText(body, 'localidad', 4),
      gender: formText(body, 'gender', 40),
      ethnic_group: formText(body, 'ethnic_group', 40),
      disability: formText(body, 'disability', 40),
      conflict_victim: formText(body, 'conflict_victim', 40),
      consent: formText(body, 'consent') === 'yes',
    },
    password: formText(body, 'password', 1000),
  };
}

/** Day, month and year as typed (in three boxes) → YYYY-MM-DD, or null if that day does not exist. */
export function parseBirthDate(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Checks every field at once, so the form can list all problems together. */
export function validateRegistration(form: RegistrationForm, password: string, locale: Locale, now = new Date()): { errors: FieldErrors; input: RegistrationInput | null } {
  const errors: FieldErrors = {};
  const displayName = form.display_name.trim().replace(/\s+/g, ' ');
  if (!displayName) errors.display_name = { key: 'accounts.registration.error.name_required' };
  else if (displayName.length > 120) errors.display_name = { key: 'accounts.registration.error.name_too_long' };

  const email = normalizeEmail(form.email);
  if (!email) errors.email = { key: 'accounts.registration.error.email_invalid' };

  if (!password) errors.password = { key: 'accounts.registration.error.password_required' };
  else {
    const problem = passwordProblem(password);
    if (problem) errors.password = { key: problem };
  }

  const documentType = (DOCUMENT_TYPES as readonly string[]).includes(form.document_type) ? (form.document_type as DocumentType) : null;
  if (!documentType) errors.document_type = { key: 'accounts.registration.error.document_type_required' };
  let documentNumber: string | null = null;
  if (!form.document_number.trim()) errors.document_number = { key: 'accounts.registration.error.document_number_required' };
  else if (documentType) {
    documentNumber = normalizeDocumentNumber(documentType, form.document_number);
    if (!documentNumber) {
      errors.document_number = {
        key: documentType === 'CC' || documentType === 'TI' ? 'accounts.registration.error.document_number_digits' : 'accounts.registration.error.document_number_alnum',
      };
    }
  }

  const birthDate = parseBirthDate(form.birth_day, form.birth_month, form.birth_year);
  if (!birthDate || birthDate <= '1900-01-01') errors.birth_date = { key: 'accounts.registration.error.birth_date_invalid' };
  else if (birthDate > bogotaDay(now)) errors.birth_date = { key: 'accounts.registration.error.birth_date_future' };

  if (!LOCALIDADES.some((l) => l.code === form.localidad)) errors.localidad = { key: 'accounts.registration.error.localidad_required' };

  const differential = {} as Record<DifferentialField, string | null>;
  for (const field of DIFFERENTIAL_FIELDS) {
    const value = form[field];
    if (value && !(DIFFERENTIAL_OPTIONS[field] as readonly string[]).includes(value)) errors[field] = { key: 'accounts.registration.error.option_invalid' };
    differential[field] = value || null;
  }

  if (!form.consent) errors.consent = { key: 'accounts.registration.error.consent_required' };

  if (Object.keys(errors).length > 0 || !email || !documentType || !documentNumber || !birthDate) return { errors, input: null };
  return {
    errors,
    input: { displayName, email, password, documentType, documentNumber, birthDate, localidadCode: form.localidad, differential, locale },
  };
}

export type RegistrationResult = { outcome: 'created'; userId: string } | { outcome: 'existing' };

/**
 * Creates the account, its profile (the document only as a keyed hash), the consent with the
 * policy version, an e-mail confirmation link and its e-mail, in one transaction with an audit
 * entry. When the address already has an account nothing is created: its owner gets an e-mail
 * saying someone tried to register, and the caller answers exactly as for a new account.
 */
export async function registerUser(
  db: Db,
  input: RegistrationInput,
  context: { secret: string; mail: MailContext; requestId?: string | null; now?: Date },
): Promise<RegistrationResult> {
  const now = context.now ?? new Date();
  // Hashed before looking the address up, so both answers take the same time.
  const passwordHash = await hashPassword(input.password);
  const documentHash = identityHash(context.secret, input.documentType, input.documentNumber);
  return withTransaction(db, async (tx) => {
    // ON CONFLICT keeps two simultaneous registrations of one address from both succeeding.
    const created = await tx
      .insertInto('core_users')
      .values({ email: input.email, display_name: input.displayName, password_hash: passwordHash, locale: input.locale })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created) {
      const existing = await tx.selectFrom('core_users').select(['locale']).where('email', '=', input.email).executeTakeFirstOrThrow();
      await queueMail(tx, accountMail(context.mail, existing.locale, 'registration_attempt', input.email));
      return { outcome: 'existing' } as const;
    }
    const userId = created.id;
    await tx
      .insertInto('core_profiles')
      .values({
        user_id: userId,
        document_type: input.documentType,
        document_hash: documentHash,
        birth_date: input.birthDate,
        localidad_code: input.localidadCode,
        gender: input.differential.gender,
        ethnic_group: input.differential.ethnic_group,
        disability: input.differential.disability,
        conflict_victim: input.differential.conflict_victim,
        updated_at: now.toISOString(),
      })
      .execute();
    await tx.insertInto('core_consents').values({ user_id: userId, policy: 'privacy', policy_version: POLICIES.privacy.es.version, granted_at: now.toISOString() }).execute();
    const token = await issueUserToken(tx, { userId, purpose: 'confirm_email', now });
    await queueMail(tx, accountMail(context.mail, input.locale, 'confirm', input.email, { name: input.displayName, link: `${context.mail.baseUrl}/confirmar-correo/${token}` }));
    await recordAudit(tx, {
      actor: selfActor(userId),
      action: 'accounts.register',
      resourceType: 'user',
      resourceId: userId,
      after: { userId, localidad: input.localidadCode },
      requestId: context.requestId ?? null,
    });
    await emitEvent(tx, 'accounts.user-registered', { userId });
    return { outcome: 'created', userId } as const;
  });
}
