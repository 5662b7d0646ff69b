import { Router } from 'express';
import { z } from 'zod';
import type { DomainDeps } from '../../domain/deps.js';
import type { WorkspaceSignInGateway } from '../../domain/domains/deps.js';
import { getDomainVerification, viewOf } from '../../domain/domains/get-domain-verification.js';
import { startDomainVerification } from '../../domain/domains/start-domain-verification.js';
import { AppError } from '../../domain/errors.js';
import { route, serve } from '../openapi/route.js';
import { domainVerificationSchema, presentDomainVerification } from '../presenters/domain-verification.js';
import { organizationOf, principalOf } from './authenticate.js';
import { startVerificationBody } from './domain-verifications.schema.js';
import { parseInput } from '../validate.js';

const TAG = 'Domain verification';
const answer = (description: string) => ({ description, body: z.strictObject({ verification: domainVerificationSchema }) });

/** Proving the organization's Workspace domains (README.md › Domain verification). */
export const domainVerificationRoutes = {
  start: route({
    method: 'post',
    path: '/domains/verifications',
    tag: TAG,
    summary: 'Start a verification: Google sign-in for a super administrator of the domain',
    description: '`authorizationUrl` is shown only here and is good for one sign-in within 10 minutes.',
    body: startVerificationBody,
    responses: { 201: { ...answer('Started'), headers: { Location: 'The verification.' } } },
    errors: ['not_ready'],
  }),
  get: route({
    method: 'get',
    path: '/domains/verifications/:verificationId',
    tag: TAG,
    summary: 'How a verification went',
    responses: { 200: answer('The verification') },
    errors: ['not_found'],
  }),
};

/**
 * Domain verification, the install step's proof that the organization's Workspace domains are its
 * own: start one (Google's authorization URL for a super administrator), then read how it went.
 * Google's redirect lands outside /admin/v1, at /admin/oauth/callback (../oauth/callback.ts).
 */
export function domainVerificationsRouter(deps: DomainDeps, signIn: WorkspaceSignInGateway | undefined): Router {
  const router = Router({ mergeParams: true });
  serve(router, domainVerificationRoutes.start, async (req, res) => {
    const body = parseInput(startVerificationBody, req.body, 'body');
    if (!signIn)
      throw new AppError('not_ready', 'Domain verification is not available on this server (no Google OAuth client is configured).');
    const organizationId = organizationOf(res);
    const { verification, authorizationUrl } = await startDomainVerification(
      { ...deps, signIn },
      { organizationId, domain: body.domain, tokenId: principalOf(res).tokenId },
    );
    res
      .status(201)
      .location(`/admin/v1/organizations/${organizationId}/domains/verifications/${verification.id}`)
      .json({ verification: presentDomainVerification(viewOf(verification, deps.clock()), { authorizationUrl }) });
  });
  serve(router, domainVerificationRoutes.get, async (req, res) => {
    const verificationId = String((req.params as { verificationId: string }).verificationId);
    const view = await getDomainVerification(deps, { organizationId: organizationOf(res), verificationId });
    res.json({ verification: presentDomainVerification(view) });
  });
  return router;
}
