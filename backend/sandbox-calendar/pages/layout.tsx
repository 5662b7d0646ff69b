import type { ComponentChildren } from 'preact';
import { mailHref, weekHref } from '../links.js';

/** What every Calendar page knows: where the admin console is, and a success message to show once. */
export interface CalendarContext {
  /** The admin console's base URL (`…/admin/` is its home). */
  consoleUrl: string;
  success?: string | undefined;
}

/** The demo user a page is about: the header links to their week and their mail. */
export interface PersonNav {
  email: string;
  name: string;
  /** Mails Together sent them; undefined when there is no mailbox (no Mail link then). */
  mailCount: number | undefined;
  /** The page this is, marked in the header (`aria-current`). */
  here: 'week' | 'mail';
}

/**
 * The Calendar's page frame, in the console's look (its stylesheet is served here too): skip link,
 * header with the way back to the console, the sandbox banner, one `<main>`.
 */
export function Layout(props: {
  ctx: CalendarContext;
  title: string;
  wide?: boolean;
  error?: boolean;
  person?: PersonNav;
  children: ComponentChildren;
}) {
  const person = props.person;
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${props.error ? 'Error: ' : ''}${props.title} – Sandbox Calendar – Together`}</title>
        <link rel="stylesheet" href="/calendar/assets/console.css" />
        <link rel="stylesheet" href="/calendar/assets/calendar.css" />
        <link rel="stylesheet" href="/calendar/assets/week-grid.css" />
        <link rel="stylesheet" href="/calendar/assets/chip-places.css" />
        <script src="/calendar/assets/calendar.js" defer></script>
      </head>
      <body class={props.wide ? 'calendar-wide' : undefined}>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="header">
          <div class="header-inner">
            <a class="brand" href="/calendar">
              Together <span class="brand-product">Sandbox Calendar</span>
            </a>
            <nav aria-label="Sandbox">
              <ul class="nav">
                {person && (
                  <li>
                    <a href={weekHref(person.email)} aria-current={person.here === 'week' ? 'page' : undefined}>
                      {person.name}'s week
                    </a>
                  </li>
                )}
                {person?.mailCount !== undefined && (
                  // Refreshed with the grid (static/calendar.js) when the sidebar's action may have sent mail.
                  <li data-refresh="mail-link">
                    <a href={mailHref(person.email)} aria-current={person.here === 'mail' ? 'page' : undefined}>
                      {/* Words for screen readers inline (week-grid.css's chip-words), so the name has no stray space: "Mail (2 messages)". */}
                      Mail ({person.mailCount}
                      <span class="chip-words">{person.mailCount === 1 ? ' message' : ' messages'}</span>)
                    </a>
                  </li>
                )}
                <li>
                  <a href="/calendar">Switch user</a>
                </li>
                <li>
                  <a href={`${props.ctx.consoleUrl}/admin/`}>Admin console</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <div class="banner banner-neutral" role="region" aria-label="Sandbox">
          <p>This is a sandbox: a pretend Google Calendar of the demo company. You act as the person whose calendar you open.</p>
        </div>
        <main id="main" class="main" tabindex={-1}>
          {props.ctx.success && (
            <div class="notification notification-success" role="alert">
              <h2 class="notification-title">Done</h2>
              <p>{props.ctx.success}</p>
            </div>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A refusal or an outage, in plain words, with the way back. */
export function ProblemPage(props: { ctx: CalendarContext; status: number; problems: string[]; back?: string | undefined }) {
  const title = props.status === 404 ? 'Not found' : props.status < 500 ? 'This could not be done' : 'The emulator did not answer';
  return (
    <Layout ctx={props.ctx} title={title} error={props.status < 500 && props.status !== 404}>
      <h1 class="heading-l">{title}</h1>
      <div class="notification notification-problem" role="alert">
        <h2 class="notification-title">There is a problem</h2>
        <ul class="list">
          {props.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </div>
      <p>
        <a href={props.back ?? '/calendar'}>{props.back ? 'Back to the week' : 'Choose a demo user'}</a>
      </p>
    </Layout>
  );
}
