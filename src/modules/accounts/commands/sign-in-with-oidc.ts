import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Locale } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { keyedHash } from '../../../core/security/tokens.ts';
import { IdentityTakenError, recordVerification } from '../../../core/verification/identity.ts';
import type { OidcProfile } from '../oidc.ts';

/** What happened to the identity the provider vouched for. */
export type OidcVerificationOutcome =
  /** No document claims came: the account stays at its current level. */
  | 'none'
  /** Document claims came but could not be used (malformed number, partial birth date). */
  | 'invalid'
  | 'identity'
  | 'residence'
  /** The identity already verifies another account: a service desk must sort it out. */
  | 'identity_taken'
  /** This account is already verified with a different document. */
  | 'identity_mismatch';

export interface SignInWithOidcResult {
  userId: string;
  displayName: string;
  created: boolean;
  verification: OidcVerificationOutcome;
  localidadCode: string | null;
}

/** The provider did not vouch for an e-mail address: GAB cannot find or create an account. */
export class OidcEmailRequiredError extends Error {
  constructor() {
    super('the provider did not release a verified e-mail address');
    this.name = 'OidcEmailRequiredError';
  }
}

/** The account with that e-mail is disabled or deleted. */
export class OidcAccountUnavailableError extends Error {
  constructor() {
    super('account disabled or deleted');
    this.name = 'OidcAccountUnavailableError';
  }
}

/**
 * Finds the account by the provider-verified e-mail (creating it, with no password and the e-mail
 * confirmed, when there is none), then records the identity and residence the provider vouched
 * for through `recordVerification`. One transaction; audited as `accounts.sign-in-oidc`. The
 * session itself is started by the caller once this commits.
 *
 * Linking to an existing account whose e-mail was never confirmed: the provider has just proved
 * who controls that address, and whoever registered it had not, so its password and sessions are
 * dropped (otherwise someone could pre-register a victim's address and keep a way in).
 */
export async function signInWithOidc(
  tx: Tx,
  input: { issuer: string; profile: OidcProfile; secret: string; locale: Locale; requestId?: string | null; now?: Date },
): Promise<SignInWithOidcResult> {
  const { profile } = input;
  const now = input.now ?? new Date();
  if (!profile.email || !profile.emailVerified) throw new OidcEmailRequiredError();

  let user = await tx.selectFrom('core_users').select(['id', 'display_name', 'email_confirmed_at', 'disabled_at', 'deleted_at']).where('email', '=', profile.email).executeTakeFirst();
  let created = false;
  let claimedUnconfirmed = false;
  if (!user) {
    // Two first sign-ins at once: the unique e-mail index lets one insert win; the other reads it.
    const inserted = await tx
      .insertInto('core_users')
      .values({ email: profile.email, display_name: profile.displayName, password_hash: null, locale: input.locale, email_confirmed_at: now.toISOString() })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id', 'display_name', 'email_confirmed_at', 'disabled_at', 'deleted_at'])
      .executeTakeFirst();
    created = Boolean(inserted);
    user = inserted ?? (await tx.selectFrom('core_users').select(['id', 'display_name', 'email_confirmed_at', 'disabled_at', 'deleted_at']).where('email', '=', profile.email).executeTakeFirstOrThrow());
  }
  if (user.disabled_at || user.deleted_at) throw new OidcAccountUnavailableError();
  if (!created && !user.email_confirmed_at) {
    await tx.updateTable('core_users').set({ email_confirmed_at: now.toISOString(), password_hash: null }).where('id', '=', user.id).execute();
    await tx.deleteFrom('core_sessions').where('user_id', '=', user.id).execute();
    claimedUnconfirmed = true;
  }

  const actor: Actor = { userId: user.id, displayName: user.display_name, roles: [] };
  let verification: OidcVerificationOutcome = profile.identity ? 'identity' : profile.identityProblem ? 'invalid' : 'none';
  let localidadCode: string | null = null;
  if (profile.identity) {
    const held = await tx.selectFrom('core_identities').select('identity_hash').where('user_id', '=', user.id).executeTakeFirst();
    if (held && held.identity_hash !== profile.identity.identityHash) {
      verification = 'identity_mismatch';
    } else {
      try {
        const result = await recordVerification(tx, { userId: user.id, identity: profile.identity, actor, now });
        verification = result.level;
        localidadCode = result.level === 'residence' ? profile.identity.localidadCode : null;
      } catch (error) {
        // recordVerification detects the clash without a failed statement, so the transaction goes on.
        if (!(error instanceof IdentityTakenError)) throw error;
        verification = 'identity_taken';
      }
    }
  }

  await recordAudit(tx, {
    actor,
    action: 'accounts.sign-in-oidc',
    resourceType: 'user',
    resourceId: user.id,
    after: {
      issuer: input.issuer,
      // The provider's subject is a personal identifier: only its keyed hash goes in the log.
      subject: keyedHash(input.secret, 'oidc-subject', `${input.issuer}\u0000${profile.sub}`),
      created,
      claimedUnconfirmed,
      verification,
    },
    requestId: input.requestId ?? null,
  });
  return { userId: user.id, displayName: user.display_name, created, verification, localidadCode };
}
