// Issues an admin API token; the way to get the first one.
//
//   npm run admin:token -- --organization-name "Acme" --domain acme.com [--domain acme.io] [--name "first admin"]
//       creates the organization with its Workspace domains (or finds the one owning the domains)
//       and issues a token for it
//   npm run admin:token -- --organization <id> --name "HR sync"
//       issues another token for an existing organization
//
// The token is printed once, alone, on stdout; everything else goes to stderr. Only its SHA-256 is stored.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { bootstrapOrganization } from '../domain/admin/bootstrap-organization.js';
import { createAdminToken } from '../domain/admin/create-admin-token.js';
import type { Actor, DomainDeps } from '../domain/deps.js';
import { AppError } from '../domain/errors.js';
import { domainNameSchema } from '../domain/values.js';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseUnavailableError, openDatabase, type Database } from '../store/database.js';

/** Exit codes from sysexits.h, as main.ts uses them. */
const EXIT_USAGE = 64;
const EXIT_DATA = 65;
const EXIT_UNAVAILABLE = 69;
const EXIT_CONFIG = 78;

const USAGE = `Usage:
  npm run admin:token -- --organization-name <name> --domain <domain> [--domain <domain>…] [--name <token label>]
  npm run admin:token -- --organization <organization id> --name <token label>`;

const ACTOR: Actor = { type: 'SYSTEM', id: 'cli:admin-token' };

const argsSchema = z.union([
  z.strictObject({
    'organization-name': z.string().trim().min(1).max(200),
    domain: z.array(domainNameSchema).min(1),
    name: z.string().trim().min(1).max(100).default('bootstrap'),
  }),
  z.strictObject({ organization: z.uuid(), name: z.string().trim().min(1).max(100) }),
]);

class UsageError extends Error {}

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'organization-name': { type: 'string' },
        domain: { type: 'string', multiple: true },
        organization: { type: 'string' },
        name: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) =>
      issue.code === 'invalid_union' ? [] : [`--${issue.path.map(String).join('.')}: ${issue.message}`],
    );
    throw new UsageError(
      problems.length > 0 ? problems.join('\n') : 'give either --organization-name and --domain, or --organization and --name',
    );
  }
  return parsed.data;
}

async function issue(db: Database, args: z.infer<typeof argsSchema>): Promise<string> {
  const deps: DomainDeps = { prisma: db.prisma, clock: () => new Date() };
  if ('organization' in args) {
    const { record, token } = await createAdminToken(deps, { organizationId: args.organization, name: args.name, actor: ACTOR });
    process.stderr.write(`Issued admin token "${record.name}" (${record.prefix}…) for organization ${args.organization}.\n`);
    return token;
  }
  const result = await bootstrapOrganization(deps, {
    organizationName: args['organization-name'],
    domains: [...new Set(args.domain)],
    tokenName: args.name,
    actor: ACTOR,
  });
  const { organization } = result;
  const domains = organization.domains.map((row) => row.domain).join(', ');
  process.stderr.write(
    result.created
      ? `Created organization "${organization.name}" (${organization.id}) with Workspace domains ${domains}.\n`
      : `Organization "${organization.name}" (${organization.id}) already owns these domains (${domains}); issuing another token.\n`,
  );
  process.stderr.write(`Issued admin token "${result.record.name}" (${result.record.prefix}…).\n`);
  return result.token;
}

async function main(): Promise<number> {
  let args: z.infer<typeof argsSchema>;
  try {
    args = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  let db: Database;
  try {
    db = await openDatabase(loadConfig().database);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      return error instanceof ConfigError ? EXIT_CONFIG : EXIT_UNAVAILABLE;
    }
    throw error;
  }
  try {
    const token = await issue(db, args);
    process.stderr.write('Store this token now: it is shown only once. Use it as "Authorization: Bearer <token>".\n');
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.message}${error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`}\n`);
      return EXIT_DATA;
    }
    throw error;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
