import { describe, expect, it } from 'vitest';
import { redactUrlTokens } from './app.ts';

describe('request logging', () => {
  it('keeps one-time tokens out of logged URLs', () => {
    expect(redactUrlTokens('/confirmar-correo/abcdefghijklmnopqrstuvwxyz012345')).toBe('/confirmar-correo/[token]');
    expect(redactUrlTokens('/restablecer-clave/abcdefghijklmnopqrstuvwxyz012345?x=1')).toBe('/restablecer-clave/[token]?x=1');
    expect(redactUrlTokens('/ingresar/oidc/callback?code=abc&state=def')).toBe('/ingresar/oidc/callback?code=[token]&state=[token]');
  });
  it('leaves ordinary paths readable', () => {
    expect(redactUrlTokens('/localidades/17?page=2')).toBe('/localidades/17?page=2');
  });
});
