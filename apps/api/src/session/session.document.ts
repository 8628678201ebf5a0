import { ROLES } from '@dd/engine';
import { z } from 'zod';
import { routeDocument, type DocumentedRoute } from '../docs/documented-route';

export const SessionRequest = z.object({ apiKey: z.string().min(1).max(1000).describe('one of the keys in DD_API_KEYS') }).strict();

export const SessionPrincipal = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  signedIn: z.boolean().describe('false without DD_API_KEYS: everyone on loopback is the local admin and there is nothing to sign out of'),
});
export type SessionPrincipal = z.infer<typeof SessionPrincipal>;

const tags = ['session'];

const SIGN_IN: DocumentedRoute = {
  method: 'post',
  path: '/session',
  operationId: 'signIn',
  summary: "Sign a browser in with an API key: sets the session cookie, answers the key's principal",
  description:
    "Sets `dd_session` (HttpOnly, SameSite=Strict, Path=/, no Expires: it ends when the browser closes; idle for 12 hours it ends on the server). The key itself is never echoed or stored in the browser. Requests with the cookie act as the key's principal; their writes (POST, PUT, DELETE) must send `X-Requested-With: dd-console`. Without DD_API_KEYS it answers the local admin and sets no cookie.",
  tags,
  public: true,
  requestBody: { contentType: 'application/json', schema: SessionRequest },
  responses: {
    200: { description: 'signed in', schema: SessionPrincipal },
    400: { description: 'no apiKey in the body', problem: true },
    401: { description: 'unknown API key', problem: true },
  },
};

const WHO_AM_I: DocumentedRoute = {
  method: 'get',
  path: '/session',
  operationId: 'currentSession',
  summary: 'Who this browser is signed in as (or whom the API key names)',
  tags,
  responses: {
    200: { description: 'the principal and its role', schema: SessionPrincipal },
    401: { description: 'not signed in, or the session ended (code session-ended)', problem: true },
  },
};

const SIGN_OUT: DocumentedRoute = {
  method: 'delete',
  path: '/session',
  operationId: 'signOut',
  summary: 'Sign the browser out: ends its session and clears the cookie',
  tags,
  public: true,
  responses: { 204: { description: 'signed out (also when no session was open)' } },
};

export const SESSION_PATH = { '/session': { ...routeDocument(SIGN_IN), ...routeDocument(WHO_AM_I), ...routeDocument(SIGN_OUT) } };
