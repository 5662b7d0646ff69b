import type { ComponentChildren } from 'preact';
import type { TagWords } from './words.js';

/** What every page knows about the request: who, where, and how to write times. */
export interface PageContext {
  /** The admin's time zone (the browser's, sent by console.js in a cookie), else UTC. */
  timeZone: string;
  /** Sandbox mode: every page says Google is pretend. */
  sandbox: boolean;
  /** The sandbox Calendar (a demo user's week with the add-on), linked from the sandbox banner. */
  sandboxCalendarUrl?: string | undefined;
  /** Signed in: the header shows the navigation and Sign out. */
  signedIn: boolean;
  /** While the integration is FAILING, every page links to what happened. */
  failing: { since: Date | null } | null;
  /** The section the page belongs to, marked in the navigation. */
  section?: 'integrations' | 'health' | undefined;
  /** A success message for what the admin just did (from `?done=`), shown once. */
  success?: string | undefined;
}

const TIME_FORMAT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };

/** "3 June 2026 at 10:42" in the admin's zone; console.js writes the same with the browser's zone. */
export function formatTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { ...TIME_FORMAT, timeZone }).format(at);
}

export function Time({ at, ctx }: { at: Date | string | null; ctx: PageContext }) {
  if (at === null) return <>Never</>;
  const date = new Date(at);
  return (
    <time dateTime={date.toISOString()} data-local="">
      {formatTime(date, ctx.timeZone)}
    </time>
  );
}

export function Tag({ words }: { words: TagWords }) {
  return <strong class={`tag tag-${words.colour}`}>{words.text}</strong>;
}

/** The page frame: skip link, header, banners, one `<main>`; the title says the page first. */
export function Layout(props: { ctx: PageContext; title: string; error?: boolean; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${props.error ? 'Error: ' : ''}${props.title} – Together`}</title>
        <link rel="stylesheet" href="/admin/assets/console.css" />
        <script src="/admin/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="header">
          <div class="header-inner">
            <a class="brand" href="/admin/">
              Together <span class="brand-product">Calendar</span>
            </a>
            {ctx.signedIn && (
              <nav aria-label="Console">
                <ul class="nav">
                  <li>
                    <a href="/admin/" aria-current={ctx.section === 'integrations' ? 'page' : undefined}>
                      Integrations
                    </a>
                  </li>
                  <li>
                    <a href="/admin/health" aria-current={ctx.section === 'health' ? 'page' : undefined}>
                      Health
                    </a>
                  </li>
                  <li>
                    <form method="post" action="/admin/sign-out" class="inline-form">
                      <button type="submit" class="link-button">
                        Sign out
                      </button>
                    </form>
                  </li>
                </ul>
              </nav>
            )}
          </div>
        </header>
        {ctx.sandbox && (
          <div class="banner banner-neutral" role="region" aria-label="Sandbox">
            <p>
              This is a sandbox. Together is using a pretend Google Workspace. No real calendars change.
              {ctx.sandboxCalendarUrl && (
                <>
                  {' '}
                  <a href={ctx.sandboxCalendarUrl}>See a demo user's calendar and the add-on</a>
                </>
              )}
            </p>
          </div>
        )}
        {ctx.failing && (
          <div class="banner banner-problem" role="region" aria-label="Integration problem">
            <p>
              Together Calendar has stopped working for some people
              {ctx.failing.since && (
                <>
                  {' '}
                  since <Time at={ctx.failing.since} ctx={ctx} />
                </>
              )}
              . <a href="/admin/health">See what happened</a>
            </p>
          </div>
        )}
        <main id="main" class="main" tabindex={-1}>
          {ctx.success && (
            <div class="notification notification-success" role="alert">
              <h2 class="notification-title">Success</h2>
              <p>{ctx.success}</p>
            </div>
          )}
          {props.children}
        </main>
        <footer class="footer">
          <p>
            Times are shown in <span data-zone="">{ctx.timeZone}</span>.
          </p>
        </footer>
      </body>
    </html>
  );
}

/** A field problem: the field's id and the message shown both in the summary and next to the field. */
export interface FieldError {
  field: string;
  message: string;
}

/** "There is a problem": focused on load (console.js), each link moves to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" tabindex={-1} data-error-summary="" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A page-level problem the admin did not cause with a field: what happened, in the API's words. */
export function ProblemBanner({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="notification notification-problem" role="alert">
      <h2 class="notification-title">This could not be done</h2>
      <p>{message}</p>
    </div>
  );
}

const errorFor = (errors: FieldError[], field: string) => errors.find((error) => error.field === field);

export function TextField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  errors: FieldError[];
  type?: 'text' | 'email' | 'search' | 'password';
  autocomplete?: string;
  spellcheck?: boolean;
  width?: 'full' | 'email';
}) {
  const error = errorFor(props.errors, props.id);
  const described = [props.hint && `${props.id}-hint`, error && `${props.id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label class="label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${props.id}-error`}>
          <span class="visually-hidden">Error:</span> {error.message}
        </p>
      )}
      <input
        class={`input input-${props.width ?? 'full'}`}
        id={props.id}
        name={props.id}
        // Preact types each input type apart; every one of ours takes the same attributes.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        spellcheck={props.spellcheck}
        aria-describedby={described}
      />
    </div>
  );
}

export interface RadioOption {
  value: string;
  label: string;
  hint?: ComponentChildren;
  disabled?: boolean;
}

export function Radios(props: {
  name: string;
  legend: string;
  options: RadioOption[];
  value: string | null;
  errors: FieldError[];
  /** The question is the page's heading (one question per page). */
  isPageHeading?: boolean;
}) {
  const error = errorFor(props.errors, props.name);
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={error ? `${props.name}-error` : undefined}>
        <legend class="legend">{props.isPageHeading ? <h1 class="heading-l">{props.legend}</h1> : props.legend}</legend>
        {error && (
          <p class="error-message" id={`${props.name}-error`}>
            <span class="visually-hidden">Error:</span> {error.message}
          </p>
        )}
        {props.options.map((option, index) => {
          const id = index === 0 ? props.name : `${props.name}-${index + 1}`;
          return (
            <div class="radio" key={option.value}>
              <input
                class="radio-input"
                type="radio"
                id={id}
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                disabled={option.disabled}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
              />
              <label class="radio-label" for={id}>
                {option.label}
              </label>
              {option.hint && (
                <div class="hint radio-hint" id={`${id}-hint`}>
                  {option.hint}
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** A form button; `once` stops a second click from sending the form again (the server guards as well). */
export function Button(props: { children: ComponentChildren; kind?: 'primary' | 'secondary' | 'warning'; once?: boolean; name?: string }) {
  return (
    <button
      type="submit"
      class={`button button-${props.kind ?? 'primary'}`}
      data-prevent-double-click={props.once ? '' : undefined}
      name={props.name}
    >
      {props.children}
    </button>
  );
}

/** A POST to the console with nothing but a button (start a test, cancel, finish). */
export function ActionForm(props: { action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={props.action} class="inline-form" novalidate>
      {props.children}
    </form>
  );
}

export function SummaryList({
  rows,
}: {
  rows: Array<{ key: string; value: ComponentChildren; action?: { href: string; label: string } }>;
}) {
  return (
    <dl class="summary-list">
      {rows.map((row) => (
        <div class="summary-row" key={row.key}>
          <dt class="summary-key">{row.key}</dt>
          <dd class="summary-value">{row.value}</dd>
          {row.action && (
            <dd class="summary-action">
              <a href={row.action.href}>
                {row.action.label}
                <span class="visually-hidden"> {row.key.toLowerCase()}</span>
              </a>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** Previous / next links and where we are; the numbers also go in the page's title. */
export function Pagination(props: { page: number; pages: number; href: (page: number) => string }) {
  if (props.pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      <ul>
        {props.page > 1 && (
          <li>
            <a href={props.href(props.page - 1)} rel="prev">
              Previous<span class="visually-hidden"> page</span>
            </a>
          </li>
        )}
        <li class="pagination-current">
          Page {props.page} of {props.pages}
        </li>
        {props.page < props.pages && (
          <li>
            <a href={props.href(props.page + 1)} rel="next">
              Next<span class="visually-hidden"> page</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
