// Verifies the JWT an App signs to call the `/app` routes, as GitHub does ("Generating a JSON Web
// Token (JWT) for a GitHub App"): RS256, `iss` the App's client id or id (it picks the public key),
// `iat` not in the future, `exp` in the future and at most 10 minutes ahead of GitHub's clock.
//
// Answers, as clients report them:
// - unknown `iss`: 404 "Integration not found" (octokit/authentication-strategies.js#165,
//   actions/create-github-app-token#76);
// - a signature the App's key does not verify, or no JWT at all: 401 "A JSON web token could not be
//   decoded" (octokit/auth-app.js#375: a valid key of another App; urcomputeringpal/kubevalidator#48:
//   an installation token sent to `GET /app/installations`);
// - 401 "'Expiration time' claim ('exp') is too far in the future" (octokit/auth-app.js#698),
//   "'Expiration time' claim ('exp') must be a numeric value representing the future time at which
//   the assertion expires" (sigmavirus24/github3.py#1050), "'Issued at' claim ('iat') must be an
//   Integer representing the time that the assertion was issued" (octokit/auth-app.js retries these
//   three after reading GitHub's clock from the Date header).
import { createPublicKey, verify } from 'node:crypto';
import type { SimApp, World } from '../world.js';

export const JWT_MAX_SECONDS = 600;

export const JWT_MESSAGES = {
  undecodable: 'A JSON web token could not be decoded',
  unknownApp: 'Integration not found',
  expTooFar: "'Expiration time' claim ('exp') is too far in the future",
  expired: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  iat: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
} as const;

export type JwtCheck = { ok: true; app: SimApp } | { ok: false; status: 401 | 404; message: string };

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a bearer token has a JWT's shape (three base64url parts, a JSON header naming an algorithm). */
export function looksLikeJwt(token: string): boolean {
  const parts = token.split('.');
  return parts.length === 3 && typeof decodeJson(parts[0]!)?.alg === 'string';
}

const undecodable = (): JwtCheck => ({ ok: false, status: 401, message: JWT_MESSAGES.undecodable });

/** Checks a JWT against the Apps of the world at `nowMs` (the simulated clock). */
export function verifyAppJwt(world: World, token: string, nowMs: number): JwtCheck {
  const [head, body, signature] = token.split('.');
  if (!head || !body || signature === undefined) return undecodable();
  const header = decodeJson(head);
  const claims = decodeJson(body);
  if (!header || !claims || header.alg !== 'RS256') return undecodable();
  const iss = claims.iss;
  const app = typeof iss === 'number' || typeof iss === 'string' ? world.app(typeof iss === 'number' ? iss : String(iss)) : undefined;
  if (!app) return { ok: false, status: 404, message: JWT_MESSAGES.unknownApp };
  if (!app.publicKey) return undecodable();
  let valid = false;
  try {
    valid = verify('RSA-SHA256', Buffer.from(`${head}.${body}`), createPublicKey(app.publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return undecodable();
  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > now) return { ok: false, status: 401, message: JWT_MESSAGES.iat };
  if (typeof exp !== 'number' || exp <= now) return { ok: false, status: 401, message: JWT_MESSAGES.expired };
  if (exp > now + JWT_MAX_SECONDS) return { ok: false, status: 401, message: JWT_MESSAGES.expTooFar };
  return { ok: true, app };
}
