import type { FastifyInstance } from 'fastify';

/**
 * Content-Security-Policy: scripts and styles only from our own origin (no inline code at all),
 * no framing, forms post only to us.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Adds the strict security headers to every response; HSTS only when served over TLS. */
export function registerSecurityHeaders(app: FastifyInstance, tls: boolean): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(self), interest-cohort=()');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (tls) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}
