/** Admin SDK Directory `domains.list` and `domains.get` (§D7): a customer's primary and secondary domains. */
import type { Request, Response } from 'express';
import type { Caller } from '../auth/access.js';
import { GoogleApiError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { Domain } from './accounts.js';
import { callerCustomer, notAuthorized } from './users-api.js';

/** `my_customer` or the caller's own customer id; any other customer is not the caller's to read. */
function requestedCustomer(state: EmulatorState, req: Request, caller: Caller): string {
  const customer = callerCustomer(state, caller);
  const param = String((req.params as { customer: string }).customer);
  if (param !== 'my_customer' && param !== customer) throw notAuthorized();
  return customer;
}

export function presentDomain(domain: Domain): Record<string, unknown> {
  return {
    kind: 'admin#directory#domain',
    etag: `"${domain.customerId}-${domain.name}-${domain.verified ? 'v' : 'u'}"`,
    domainName: domain.name,
    isPrimary: domain.isPrimary,
    verified: domain.verified,
    creationTime: String(domain.creationTime),
  };
}

export function directoryDomainsList(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const domains = state.accounts.domainsOfCustomer(requestedCustomer(state, req, caller));
    res.json({
      kind: 'admin#directory#domains',
      etag: `"${domains.length}-${domains.map((d) => d.name).join(',')}"`,
      domains: domains.map(presentDomain),
    });
  };
}

export function directoryDomainsGet(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const customer = requestedCustomer(state, req, caller);
    const domain = state.accounts.domains.get(String((req.params as { domainName: string }).domainName).toLowerCase());
    if (!domain || domain.customerId !== customer) {
      const message = 'Domain not found.';
      throw new GoogleApiError(404, message, [{ message, domain: 'global', reason: 'notFound' }]);
    }
    res.json(presentDomain(domain));
  };
}
