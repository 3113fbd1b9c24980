import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { AdminService } from '../domain/admin.js';
import { DomainError } from '../domain/errors.js';
import type { LinkOutcome, Notifications } from '../domain/notifications.js';
import type { LinkClaims } from '../mail/links.js';
import { confirmPage, donePage, invalidLinkPage, PAGE_CSP, usedLinkPage } from '../mail/pages.js';
import { catalogue } from '../mail/templates/index.js';
import { errorResponse } from '../middleware/error-handler.js';
import { createRouter } from '../middleware/validate.js';
import { FeaturesSchema, MailLinkResultSchema, VerifyInputSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const TokenParamSchema = z.object({
  token: z
    .string()
    .max(2000)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const features = createRoute({
  method: 'get',
  path: '/api/features',
  summary: 'What this server offers beyond comments (mail)',
  responses: {
    200: { description: 'Features', content: { 'application/json': { schema: FeaturesSchema } } },
  },
});

const verify = createRoute({
  method: 'post',
  path: '/api/verify',
  summary: 'Email a link that verifies the address',
  request: {
    body: { required: true, content: { 'application/json': { schema: VerifyInputSchema } } },
  },
  responses: {
    202: { description: 'The email is on its way' },
    400: errorResponses[400],
    404: errorResponses[404],
    429: errorResponses[429],
  },
});

const html = { 'text/html': { schema: z.string() } };
/** A person following a link gets a page; a script asking for JSON gets the one error shape. */
const badLink = {
  description: 'The link is not valid or has expired',
  content: { ...errorResponses[404].content, ...html },
};

const showLink = createRoute({
  method: 'get',
  path: '/mail/{token}',
  summary: 'The page an email link opens: one button, nothing done yet',
  request: { params: TokenParamSchema },
  responses: {
    200: { description: 'A page with one button that POSTs to the same URL', content: html },
    404: badLink,
  },
});

const followLink = createRoute({
  method: 'post',
  path: '/mail/{token}',
  summary:
    'Do what an email link is for: confirm, verify, unsubscribe (RFC 8058 one-click: body `List-Unsubscribe=One-Click`), approve, spam or delete',
  request: { params: TokenParamSchema },
  responses: {
    200: {
      description: 'Done: an HTML page, or JSON when asked for with `Accept: application/json`',
      content: { ...html, 'application/json': { schema: MailLinkResultSchema } },
    },
    403: errorResponses[403],
    404: badLink,
    410: {
      description: 'The link was used already: each acts once, but unsubscribe links',
      content: { ...errorResponses[410].content, ...html },
    },
  },
});

function refuseLink(c: Context<AppEnv>) {
  if (c.req.header('Accept')?.includes('application/json'))
    return errorResponse(c, 'not_found', 'This link is not valid or has expired.');
  return sendPage(c, invalidLinkPage('en'), 404);
}

function sendPage(c: Context<AppEnv>, body: string, status: 200 | 404 | 410) {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-store');
  // The token is a capability: it must not leave in a Referer.
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(body, status);
}

function resultPage(claims: LinkClaims, outcome: LinkOutcome): string {
  const t = catalogue(claims.l);
  if (outcome.action === 'confirm' || outcome.action === 'verify') {
    const back = outcome.back
      ? {
          url: `${outcome.back.replace(/#.*$/, '')}#confab-proof=${outcome.proof}`,
          label: t.backToArticle,
        }
      : null;
    return donePage(claims.l, t.confirmed, back);
  }
  if (outcome.action === 'unsubscribe') return donePage(claims.l, t.unsubscribed, null);
  return donePage(claims.l, t[`${outcome.action}Done`], null);
}

export function mailRoutes(deps: { notifications: Notifications; admin: AdminService }) {
  const { notifications, admin } = deps;
  const claimsOr404 = (token: string): LinkClaims | null => {
    try {
      return notifications.readLink(token);
    } catch (err) {
      if (err instanceof DomainError) return null;
      throw err;
    }
  };
  return createRouter()
    .openapi(features, (c) => c.json({ mail: notifications.enabled }, 200))
    .openapi(verify, async (c) => {
      await notifications.requestVerification(c.req.valid('json'));
      return c.body(null, 202);
    })
    .openapi(showLink, (c) => {
      const claims = claimsOr404(c.req.valid('param').token);
      if (!claims) return refuseLink(c);
      return sendPage(c, confirmPage(claims.a, claims.l, null), 200);
    })
    .openapi(followLink, async (c) => {
      const { token } = c.req.valid('param');
      const claims = claimsOr404(token);
      if (!claims) return refuseLink(c);
      const json = c.req.header('Accept')?.includes('application/json');
      let outcome: LinkOutcome;
      try {
        outcome = await notifications.follow(token, claims, admin);
      } catch (err) {
        if (json || !(err instanceof DomainError && err.code === 'link_used')) throw err;
        return sendPage(c, usedLinkPage(claims.l), 410);
      }
      if (json) return c.json(outcome, 200);
      return sendPage(c, resultPage(claims, outcome), 200);
    });
}
