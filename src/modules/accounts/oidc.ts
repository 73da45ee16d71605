/**
 * Sign-in with an OpenID Connect provider (Registraduría / Carpeta Ciudadana or any certified
 * provider): the authorization-code flow with PKCE, state and nonce, through `openid-client`.
 * This file knows the protocol and how the provider's claims map onto GAB's identity; the routes
 * (oidc.routes.tsx) hold the pending request in the session and the command
 * (commands/sign-in-with-oidc.ts) writes the result.
 */
import * as client from 'openid-client';
import type { OidcConfig } from '../../core/config/config.ts';
import { findLocalidadByCode } from '../../core/geo/localidad-names.ts';
import { DOCUMENT_TYPES, identityHash, normalizeDocumentNumber, type DocumentType, type VerifiedIdentity } from '../../core/verification/identity.ts';

export const OIDC_START_PATH = '/ingresar/oidc';
export const OIDC_CALLBACK_PATH = '/ingresar/oidc/callback';
export const OIDC_SCOPE = 'openid email profile';
/** Claims GAB asks for beyond the scopes (when the provider accepts the `claims` request parameter). */
export const OIDC_IDENTITY_CLAIMS = ['document_type', 'document_number', 'birthdate', 'localidad'] as const;
/** A sign-in started more than this long ago is refused at the callback. */
export const OIDC_PENDING_TTL_MS = 10 * 60_000;
const DISCOVERY_TIMEOUT_SECONDS = 10;

/** What the start of the flow leaves in the session, to be checked (once) at the callback. */
export interface PendingOidcSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Local path to return to after signing in. */
  next: string;
  startedAt: number;
}

export type OidcFailure =
  /** The person cancelled or the provider refused (`error=access_denied`). */
  | 'access_denied'
  /** Any other `error=` the provider sent back. */
  | 'provider_error'
  /** No pending sign-in in this session, it expired, or `state` does not match: nothing is trusted. */
  | 'bad_state'
  /** The provider could not be reached (discovery, token or userinfo request). */
  | 'unavailable'
  /** The provider answered, but its response failed validation (ID token, nonce, code…). */
  | 'invalid_response';

export class OidcFlowError extends Error {
  constructor(
    readonly failure: OidcFailure,
    readonly detail?: string,
  ) {
    super(`oidc: ${failure}${detail ? ` (${detail})` : ''}`);
    this.name = 'OidcFlowError';
  }
}

// Discovery is cached per process (issuer metadata and keys rarely change); a failed discovery is
// forgotten so the next sign-in tries again.
const configurations = new Map<string, Promise<client.Configuration>>();

function cacheKey(oidc: OidcConfig): string {
  return JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecret]);
}

/** Chooses client_secret_basic (the OIDC default) unless the provider only accepts client_secret_post. */
function clientAuthFor(metadata: client.ServerMetadata, secret: string): client.ClientAuth {
  const methods = metadata.token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) return client.ClientSecretPost(secret);
  return client.ClientSecretBasic(secret);
}

async function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(oidc.issuer);
  // Config validation allows http only for localhost / 127.0.0.1 (tests and local providers).
  const insecure = issuer.protocol === 'http:';
  const options: client.DiscoveryRequestOptions = { timeout: DISCOVERY_TIMEOUT_SECONDS, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) };
  const probe = await client.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, options);
  const auth = clientAuthFor(probe.serverMetadata(), oidc.clientSecret);
  const configuration = new client.Configuration(probe.serverMetadata(), oidc.clientId, oidc.clientSecret, auth);
  configuration.timeout = DISCOVERY_TIMEOUT_SECONDS;
  if (insecure) client.allowInsecureRequests(configuration);
  return configuration;
}

/** The provider's configuration (discovery), cached per process. */
export async function oidcConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = cacheKey(oidc);
  let pending = configurations.get(key);
  if (!pending) {
    pending = discover(oidc);
    configurations.set(key, pending);
    pending.catch(() => configurations.delete(key));
  }
  try {
    return await pending;
  } catch (error) {
    throw new OidcFlowError('unavailable', error instanceof Error ? error.message : String(error));
  }
}

/** Builds the authorization request and what must be kept in the session to check the answer. */
export async function startOidcSignIn(oidc: OidcConfig, redirectUri: string, next: string, now = Date.now()): Promise<{ url: URL; pending: PendingOidcSignIn }> {
  const configuration = await oidcConfiguration(oidc);
  const pending: PendingOidcSignIn = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    next,
    startedAt: now,
  };
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: OIDC_SCOPE,
    response_type: 'code',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  };
  if (configuration.serverMetadata().claims_parameter_supported) {
    // Identity claims are not part of any standard scope: ask for them by name, in both places.
    const wanted = Object.fromEntries(OIDC_IDENTITY_CLAIMS.map((claim) => [claim, null]));
    parameters.claims = JSON.stringify({ userinfo: { email: { essential: true }, email_verified: { essential: true }, name: null, ...wanted }, id_token: wanted });
  }
  return { url: client.buildAuthorizationUrl(configuration, parameters), pending };
}

/** Reads a pending sign-in back from untrusted session JSON. */
export function readPendingOidcSignIn(value: unknown, now = Date.now()): PendingOidcSignIn | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.state !== 'string' || typeof v.nonce !== 'string' || typeof v.codeVerifier !== 'string' || typeof v.next !== 'string' || typeof v.startedAt !== 'number') return null;
  if (now - v.startedAt > OIDC_PENDING_TTL_MS || v.startedAt > now + 60_000) return null;
  return { state: v.state, nonce: v.nonce, codeVerifier: v.codeVerifier, next: v.next, startedAt: v.startedAt };
}

/** Claims of the ID token and of the userinfo response together (userinfo wins; `sub` must match). */
export type OidcClaims = Record<string, unknown> & { sub: string };

function failureFor(error: unknown): OidcFlowError {
  if (error instanceof OidcFlowError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return new OidcFlowError(error.error === 'access_denied' ? 'access_denied' : 'provider_error', error.error);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof client.ResponseBodyError || error instanceof client.WWWAuthenticateChallengeError) return new OidcFlowError('invalid_response', message);
  const code = (error as { code?: unknown }).code;
  if (code === 'OAUTH_INVALID_RESPONSE' && /"state"/.test(message)) return new OidcFlowError('bad_state', message);
  // fetch failures (connection refused, timeout) surface as TypeError / AbortError / TimeoutError.
  if (error instanceof TypeError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))) return new OidcFlowError('unavailable', message);
  return new OidcFlowError('invalid_response', message);
}

/**
 * Checks the provider's answer against the pending request (state, then the code exchange with
 * the PKCE verifier, the ID token's signature, issuer, audience and nonce) and returns the claims.
 */
export async function finishOidcSignIn(oidc: OidcConfig, redirectUri: string, query: URLSearchParams, pending: PendingOidcSignIn): Promise<OidcClaims> {
  // An error response is only believed when it carries our state; otherwise anyone could send one.
  const error = query.get('error');
  if (error !== null) {
    if (query.get('state') !== pending.state) throw new OidcFlowError('bad_state', 'error response with a foreign state');
    throw new OidcFlowError(error === 'access_denied' ? 'access_denied' : 'provider_error', error.slice(0, 100));
  }
  if (query.get('state') !== pending.state) throw new OidcFlowError('bad_state', 'state does not match');
  try {
    const configuration = await oidcConfiguration(oidc);
    const currentUrl = new URL(redirectUri);
    for (const [key, value] of query) currentUrl.searchParams.append(key, value);
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcFlowError('invalid_response', 'no ID token');
    let userinfo: Record<string, unknown> = {};
    if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
      userinfo = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)) };
    }
    return { ...idClaims, ...userinfo, sub: idClaims.sub } as OidcClaims;
  } catch (caught) {
    throw failureFor(caught);
  }
}

/** What GAB takes from the provider's claims. */
export interface OidcProfile {
  sub: string;
  /** Lower-cased; null when absent. */
  email: string | null;
  /** Only a provider-verified e-mail may find or create an account. */
  emailVerified: boolean;
  displayName: string;
  /** Present only when document type, number and a full birth date all came and are valid. */
  identity: VerifiedIdentity | null;
  /** Why document claims that did come could not be used (the person is told; nothing is stored). */
  identityProblem: 'invalid_document' | 'invalid_birthdate' | null;
}

const text = (value: unknown, max = 200): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null);

/** A full calendar date (OIDC also allows "0000-MM-DD" and "YYYY", which cannot verify age). */
function fullBirthDate(value: unknown): string | null {
  const raw = text(value, 10);
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const date = new Date(`${raw}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) return null;
  if (raw <= '1900-01-01' || date.getTime() > Date.now()) return null;
  return raw;
}

/** "9", "09" or 9 → "09" when it names one of Bogotá's 20 localidades. */
function localidadCode(value: unknown): string | null {
  const raw = typeof value === 'number' ? String(value) : text(value, 10);
  if (!raw || !/^\d{1,2}$/.test(raw)) return null;
  return findLocalidadByCode(raw.padStart(2, '0'))?.code ?? null;
}

function displayNameOf(claims: OidcClaims, email: string | null): string {
  const given = [text(claims.given_name, 60), text(claims.family_name, 60)].filter(Boolean).join(' ');
  const name = text(claims.name, 120) ?? (given || null) ?? text(claims.preferred_username, 120) ?? email?.split('@')[0] ?? 'Ciudadano';
  return name.replace(/\s+/g, ' ').slice(0, 120);
}

/**
 * Maps the provider's claims: standard `email`, `email_verified`, `name` (or given/family name),
 * `birthdate`; extension claims `document_type` (CC, TI, CE, PPT, PA), `document_number` and
 * `localidad` (two-digit code). The document number never leaves this function in clear: only its
 * keyed hash does.
 */
export function profileFromClaims(claims: OidcClaims, secret: string): OidcProfile {
  const email = text(claims.email, 254)?.toLowerCase() ?? null;
  const emailVerified = claims.email_verified === true || claims.email_verified === 'true';
  const profile: OidcProfile = { sub: claims.sub, email, emailVerified, displayName: displayNameOf(claims, email), identity: null, identityProblem: null };
  const type = text(claims.document_type, 10)?.toUpperCase() ?? null;
  const number = typeof claims.document_number === 'number' ? String(claims.document_number) : text(claims.document_number, 40);
  if (!type && !number) return profile;
  const documentType = (DOCUMENT_TYPES as readonly string[]).includes(type ?? '') ? (type as DocumentType) : null;
  const normalized = documentType && number ? normalizeDocumentNumber(documentType, number) : null;
  if (!documentType || !normalized) return { ...profile, identityProblem: 'invalid_document' };
  const birthDate = fullBirthDate(claims.birthdate);
  if (!birthDate) return { ...profile, identityProblem: 'invalid_birthdate' };
  profile.identity = { identityHash: identityHash(secret, documentType, normalized), birthDate, localidadCode: localidadCode(claims.localidad), provider: 'oidc' };
  return profile;
}
