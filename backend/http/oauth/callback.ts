import express, { Router } from 'express';
import { z } from 'zod';
import { completeDomainVerification } from '../../domain/domains/complete-domain-verification.js';
import { confirmDomainVerification } from '../../domain/domains/confirm-domain-verification.js';
import type { DomainVerificationDeps } from '../../domain/domains/deps.js';
import { viewOf } from '../../domain/domains/get-domain-verification.js';
import {
  confirmationPage,
  confirmationRejectedPage,
  problemPage,
  rejectionPage,
  sendCallbackPage,
  verificationPage,
} from './callback-page.js';
import { siteOf } from '../same-origin.js';

/** Where Google sends the browser back after a super administrator signed in: PUBLIC_URL + this is the redirect URI; its page's form posts to `confirm` beside it. */
export const OAUTH_CALLBACK_PATH = '/admin/oauth/callback';

/** Google's parameters we read, each at most once (a repeated one is refused); the others (scope, hd, …) are ignored. */
const callbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(512).optional(),
});

/** The confirmation form's fields: its secret, and the button pressed. */
const confirmationForm = z.object({
  confirmation: z.string().max(512).optional(),
  decision: z.enum(['verify', 'decline']),
});

/** The confirmation form is a few dozen bytes: anything larger, or with more fields, is not ours. */
const readForm = express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 4, inflate: false });

/**
 * `GET /admin/oauth/callback?code&state` (or `?error=access_denied&state`): outside the token-protected
 * /admin/v1, the state authenticates it. Answers a small HTML page for the person in the browser —
 * what was verified for which Together organization, or what went wrong and what to do — never
 * cached, with no script and a CSP that allows nothing but its own style. No body is ever read.
 */
export function oauthCallbackRouter(deps: DomainVerificationDeps): Router {
  const router = Router();
  router.get('/callback', async (req, res) => {
    const query = callbackQuery.safeParse(req.query);
    if (!query.success) return sendCallbackPage(res, rejectionPage('malformed'));
    try {
      const outcome = await completeDomainVerification(deps, query.data);
      if (outcome.kind === 'rejected') return sendCallbackPage(res, rejectionPage(outcome.reason));
      if (outcome.kind === 'confirm') {
        const { verification, organizationName, confirmation, domains } = outcome;
        return sendCallbackPage(
          res,
          confirmationPage({ domains, organizationName, signedInEmail: verification.signedInEmail ?? '', confirmation }),
        );
      }
      sendCallbackPage(res, verificationPage(viewOf(outcome.verification, deps.clock()), outcome.organizationName));
    } catch (error) {
      req.log.error({ err: error }, 'domain verification callback failed');
      sendCallbackPage(res, problemPage);
    }
  });
  router.post('/confirm', (req, res) => {
    // A client that says nothing of its site is no browser, and still needs the form's secret.
    if (siteOf(req) === 'cross-site') return sendCallbackPage(res, confirmationRejectedPage('cross_site'));
    if (!req.is('application/x-www-form-urlencoded')) return sendCallbackPage(res, confirmationRejectedPage('malformed'));
    readForm(req, res, async (parseError?: unknown) => {
      const form = parseError === undefined ? confirmationForm.safeParse(req.body) : undefined;
      if (!form?.success) return sendCallbackPage(res, confirmationRejectedPage('malformed'));
      try {
        const outcome = await confirmDomainVerification(deps, form.data);
        if (outcome.kind === 'rejected') return sendCallbackPage(res, confirmationRejectedPage(outcome.reason));
        sendCallbackPage(res, verificationPage(viewOf(outcome.verification, deps.clock()), outcome.organizationName));
      } catch (error) {
        req.log.error({ err: error }, 'domain verification confirmation failed');
        sendCallbackPage(res, problemPage);
      }
    });
  });
  return router;
}
