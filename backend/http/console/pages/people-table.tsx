import type { AccessStatus } from '../../../store/generated/prisma/client.js';
import { ActionForm, Button, Pagination, Tag, Time, type PageContext } from '../components.js';
import { ACCESS_ORDER, ACCESS_WORDS, count, people } from '../words.js';

/** One person's result as the API presents it (presentPersonAccess). */
export interface PersonResult {
  personId: string;
  email: string;
  displayName: string;
  status: AccessStatus;
  reason: string | null;
  checkedAt: Date | string | null;
}

/** The table's filters, kept in the URL so Back and shared links work. */
export interface PeopleFilters {
  status: AccessStatus | undefined;
  q: string | undefined;
  page: number;
}

export const PAGE_SIZE = 50;

/** Who a mailed connect link cannot help: working already, or a problem with the account or the domain, not the connection. */
const LINK_CANNOT_HELP: readonly AccessStatus[] = [
  'ACTIVE',
  'SUSPENDED_OR_DELETED',
  'NOT_IN_WORKSPACE',
  'DOMAIN_NOT_VERIFIED',
  'NOT_INSTALLED',
];
const LINK_HELPS: ReadonlySet<AccessStatus> = new Set(ACCESS_ORDER.filter((status) => !LINK_CANNOT_HELP.includes(status)));

/** The URL of the results page with these filters (empty ones left out). */
export function filtersHref(base: string, filters: Partial<PeopleFilters>): string {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.q) query.set('q', filters.q);
  if (filters.page && filters.page > 1) query.set('page', String(filters.page));
  const text = query.toString();
  return text ? `${base}${base.includes('?') ? '&' : '?'}${text}` : base;
}

/** "App not installed: 7 people: Show them", one row per reason found, the fix written once. */
export function ReasonSummary(props: { counts: Partial<Record<AccessStatus, number>>; base: string }) {
  const rows = ACCESS_ORDER.filter((status) => status !== 'ACTIVE' && (props.counts[status] ?? 0) > 0);
  if (rows.length === 0) return <p>Nobody needs a fix.</p>;
  return (
    <table class="table">
      <caption class="caption-m">People who need a fix, by reason</caption>
      <thead>
        <tr>
          <th scope="col">Reason</th>
          <th scope="col" class="numeric">
            People
          </th>
          <th scope="col">
            <span class="visually-hidden">Show</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((status) => (
          <tr key={status}>
            <th scope="row">{ACCESS_WORDS[status].reason}</th>
            <td class="numeric">{count(props.counts[status] ?? 0)}</td>
            <td>
              <a href={`${filtersHref(props.base, { status })}#people`}>
                Show them<span class="visually-hidden"> ({ACCESS_WORDS[status].reason})</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The per-person table: filters (submitted), a status line, 50 rows a page, paging. */
export function PeopleTable(props: {
  ctx: PageContext;
  base: string;
  filters: PeopleFilters;
  rows: PersonResult[];
  total: number;
  caption: string;
  /** The per-user method: a "Send a connect link" form for each person a link can help (not working, account not suspended). */
  connectLinks?: boolean;
  /** The per-user method: each person's calendar access now (connections change between tests). */
  now?: Map<string, AccessStatus> | undefined;
}) {
  const { filters, total } = props;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (filters.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, filters.page * PAGE_SIZE);
  const [path, runQuery] = props.base.split('?');
  // The form comes back to this very page of the table (run, filters, page).
  const linkFields: Array<[string, string]> = [
    ...new URLSearchParams(runQuery ?? ''),
    ...new URLSearchParams(filtersHref('', filters).replace(/^\?/, '')),
  ];
  return (
    <section aria-labelledby="people-heading" id="people">
      <h2 class="heading-m" id="people-heading">
        Everyone checked
      </h2>
      <form method="get" action={path} class="filters" role="search" aria-label="Filter people">
        {runQuery &&
          [...new URLSearchParams(runQuery)].map(([name, value]) => <input type="hidden" name={name} value={value} key={name} />)}
        <div class="field">
          <label class="label" for="status">
            Result
          </label>
          <select class="select" id="status" name="status">
            <option value="">All results</option>
            {ACCESS_ORDER.map((status) => (
              <option value={status} selected={filters.status === status} key={status}>
                {ACCESS_WORDS[status].reason}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="label" for="q">
            Name or email
          </label>
          <input class="input input-search" type="search" id="q" name="q" value={filters.q ?? ''} spellcheck={false} />
        </div>
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            Apply filters
          </button>
          <a href={`${props.base}#people`}>Clear filters</a>
        </div>
      </form>
      <p role="status" class="status-line" id="people-status">
        {total === 0
          ? 'No people match these filters.'
          : props.rows.length === 0
            ? `There is no page ${filters.page}: ${people(total)} match these filters.`
            : `Showing ${count(first)} to ${count(last)} of ${people(total)}`}
      </p>
      <div class="table-region" role="region" aria-labelledby="people-caption" tabindex={0}>
        <table class={props.now || props.connectLinks ? 'table table-people table-people-connections' : 'table table-people'}>
          <caption id="people-caption" class="caption-m">
            {props.caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Reason</th>
              <th scope="col">How to fix</th>
              <th scope="col">Last checked</th>
              <th scope="col">Result</th>
              {props.now && <th scope="col">Connection now</th>}
              {props.connectLinks && (
                <th scope="col">
                  <span class="visually-hidden">Connect link</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => {
              const words = ACCESS_WORDS[row.status];
              const person = { name: row.displayName || row.email, email: row.email };
              return (
                <tr key={row.personId}>
                  <th scope="row">
                    <span class="person-name">{person.name}</span>
                    <span class="person-email">{row.email}</span>
                  </th>
                  <td>{words.reason}</td>
                  <td>
                    {words.fix(person)}
                    {row.status !== 'ACTIVE' && row.reason && (
                      <details class="details">
                        <summary>What Google said</summary>
                        <p>{row.reason}</p>
                      </details>
                    )}
                  </td>
                  <td>
                    <Time at={row.checkedAt} ctx={props.ctx} />
                  </td>
                  <td>
                    <Tag words={words.tag} />
                  </td>
                  {props.now && <td>{ACCESS_WORDS[props.now.get(row.personId) ?? 'UNKNOWN'].reason}</td>}
                  {props.connectLinks && (
                    <td>
                      {LINK_HELPS.has(props.now?.get(row.personId) ?? row.status) && (
                        <ActionForm action={`/admin/people/${row.personId}/connect-link`}>
                          {linkFields.map(([name, value]) => (
                            <input type="hidden" name={name} value={value} key={name} />
                          ))}
                          <Button kind="secondary" once>
                            Send a connect link<span class="visually-hidden"> to {person.name}</span>
                          </Button>
                        </ActionForm>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination page={filters.page} pages={pages} href={(page) => `${filtersHref(props.base, { ...filters, page })}#people`} />
    </section>
  );
}
