import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { bootstrapOrganization } from './bootstrap-organization.js';
import { authenticateAdminToken } from './authenticate-admin-token.js';
import { revokeAdminToken } from './revoke-admin-token.js';
import { upsertMatchings } from './upsert-matchings.js';
import { upsertPeople } from './upsert-people.js';
import { upsertPrograms } from './upsert-programs.js';

/** A user of the sandbox's emulated Workspace directory. */
export interface DirectoryPerson {
  email: string;
  displayName: string;
  timeZone: string;
}

export interface ProvisionSandboxInput {
  domain: string;
  /** Everyone in the emulated directory, suspended and out-of-reach users included. */
  directory: DirectoryPerson[];
  /** The emulated Workspace's super administrator and customer, who the demo domain comes verified by. */
  superAdmin: { email: string; customerId: string };
  /** The token the previous start wrote to the data directory, if any: kept while it is still valid. */
  previousToken?: string | undefined;
}

const ACTOR: Actor = { type: 'SYSTEM', id: 'sandbox' };
const TOKEN_NAME = 'sandbox';
const PROGRAM = { externalId: 'sandbox-program', name: 'Engineering mentoring' };
/** A Together user Google Workspace does not know: the integration test reports them. */
const FORMER_EMPLOYEE = (domain: string): DirectoryPerson => ({
  email: `former.employee@${domain}`,
  displayName: 'Former Employee',
  timeZone: 'Europe/London',
});

/**
 * Mirrors the emulated company as a Together organization: its people, one program and a
 * matching for each consecutive pair. Idempotent, so every sandbox start converges on the same
 * data. The previous start's admin token is kept when it is still the organization's (so a restart
 * does not sign the console out); otherwise a fresh one is issued and the older sandbox ones revoked.
 */
export async function provisionSandboxOrganization(
  deps: DomainDeps,
  input: ProvisionSandboxInput,
): Promise<{ organizationId: string; token: string }> {
  const { organizationId, token } = (await keptToken(deps, input)) ?? (await freshToken(deps, input));
  await verifyDemoDomain(deps, { organizationId, domain: input.domain, ...input.superAdmin });

  const people = [...input.directory, FORMER_EMPLOYEE(input.domain)];
  // Upserts refuse a batch with any invalid row (AppError invalid_rows), so a mismatch cannot pass silently.
  await upsertPeople(deps, { organizationId, actor: ACTOR, rows: people.map((p) => ({ externalId: p.email, ...p })) });
  await upsertPrograms(deps, { organizationId, actor: ACTOR, rows: [PROGRAM] });
  const pairs = [];
  for (let i = 0; i + 1 < people.length; i += 2) {
    pairs.push({
      externalId: `sandbox-matching-${i / 2 + 1}`,
      program: { externalId: PROGRAM.externalId },
      mentor: { email: people[i]!.email },
      mentee: { email: people[i + 1]!.email },
      agenda: 'Grow as an engineer: goals for the next quarter',
    });
  }
  await upsertMatchings(deps, { organizationId, actor: ACTOR, rows: pairs });
  return { organizationId, token };
}

/**
 * The demo domain comes verified, as if the emulated Workspace's super administrator had signed in
 * to verify it (the sandbox stands in for that sign-in; the audit entry says so). Written once: a
 * restart finds it verified by the same account and changes nothing.
 */
async function verifyDemoDomain(
  deps: DomainDeps,
  input: { organizationId: string; domain: string; email: string; customerId: string },
): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const at = deps.clock();
    const { count } = await tx.workspaceDomain.updateMany({
      where: {
        organizationId: input.organizationId,
        domain: input.domain,
        OR: [
          { verifiedAt: null },
          { verifiedBy: null },
          { verifiedBy: { not: input.email } },
          { customerId: null },
          { customerId: { not: input.customerId } },
        ],
      },
      data: { verifiedAt: at, verifiedBy: input.email, customerId: input.customerId },
    });
    if (count === 0) return;
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: ACTOR,
      action: 'domain.verified',
      target: { type: 'WorkspaceDomain', id: null },
      details: {
        googleAccount: input.email,
        customerId: input.customerId,
        domains: [input.domain],
        sandbox: `Verified by the sandbox as if ${input.email}, the emulated Workspace's super administrator, had signed in with Google to verify it.`,
      },
      at,
    });
  });
}

/** The previous start's token, when it still authenticates as the sandbox token of the demo domain's organization. */
async function keptToken(deps: DomainDeps, input: ProvisionSandboxInput): Promise<{ organizationId: string; token: string } | null> {
  if (!input.previousToken) return null;
  const principal = await authenticateAdminToken(deps, { token: input.previousToken }).catch(() => null);
  if (!principal) return null;
  const [owner, record] = await Promise.all([
    deps.prisma.workspaceDomain.findUnique({ where: { domain: input.domain } }),
    deps.prisma.adminApiToken.findUnique({ where: { id: principal.tokenId } }),
  ]);
  if (owner?.organizationId !== principal.organizationId || record?.name !== TOKEN_NAME) return null;
  return { organizationId: principal.organizationId, token: input.previousToken };
}

async function freshToken(deps: DomainDeps, input: ProvisionSandboxInput): Promise<{ organizationId: string; token: string }> {
  const { organization, token, record } = await bootstrapOrganization(deps, {
    organizationName: 'Acme (sandbox)',
    domains: [input.domain],
    tokenName: TOKEN_NAME,
    actor: ACTOR,
  });
  const organizationId = organization.id;
  const stale = await deps.prisma.adminApiToken.findMany({
    where: { organizationId, name: TOKEN_NAME, revokedAt: null, id: { not: record.id } },
  });
  for (const old of stale) await revokeAdminToken(deps, { organizationId, tokenId: old.id, actor: ACTOR });
  return { organizationId, token };
}
