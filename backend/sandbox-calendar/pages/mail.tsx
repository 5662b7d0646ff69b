import { DateTime } from 'luxon';
import type { EmulatorUser } from '../emulator-client.js';
import { inviteHref, weekHref } from '../links.js';
import { calendarMethodOf, INVITATION_WORDS, type CapturedMail } from '../mailbox.js';
import { dateTimeText } from '../week.js';
import { Layout, type CalendarContext } from './layout.js';
import { displayName } from './users.js';

/** `GET /calendar/mail`: the mail Together sent the user, newest first, each with its text and its invitation to download. */
export function MailPage({ ctx, user, mails }: { ctx: CalendarContext; user: EmulatorUser; mails: CapturedMail[] }) {
  const name = displayName(user);
  return (
    <Layout ctx={ctx} title={`${name}'s mail`} person={{ email: user.email, name, mailCount: mails.length, here: 'mail' }}>
      <a class="back-link" href={weekHref(user.email)}>
        Back to {name}'s week
      </a>
      <h1 class="heading-l">{name}'s mail</h1>
      <p class="lead">
        What Together emailed {user.email}. The sandbox has no mail server, so Together keeps its mail here instead of sending it.
      </p>
      {mails.length === 0 ? (
        <p data-mail-empty="">
          Together has not emailed {name} yet. It emails an invitation when a session is booked and neither person's calendar is connected,
          and a link when someone is asked to connect their calendar.
        </p>
      ) : (
        <ol class="mail-list">
          {mails.map((mail) => (
            <li key={mail.id}>
              <Mail mail={mail} user={user} />
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

function Mail({ mail, user }: { mail: CapturedMail; user: EmulatorUser }) {
  const local = (at: Date) => DateTime.fromJSDate(at).setZone(user.timeZone);
  const method = calendarMethodOf(mail);
  const what = method ? (INVITATION_WORDS[method] ?? `Calendar message (${method})`) : undefined;
  const headingId = `mail-${mail.id}`;
  /** Tells the downloads apart for screen readers by when their mails went (subjects may repeat). */
  const sent = mail.sentAt ? `sent ${dateTimeText(local(mail.sentAt))}` : `waiting since ${dateTimeText(local(mail.createdAt))}`;
  return (
    <article class="mail" aria-labelledby={headingId} data-mail-id={mail.id}>
      <h2 class="heading-s mail-subject" id={headingId}>
        {mail.subject}
      </h2>
      <dl class="summary-list">
        <div class="summary-row">
          <dt class="summary-key">{mail.sentAt ? 'Sent' : 'Not sent yet'}</dt>
          <dd class="summary-value">
            {mail.sentAt ? (
              <time dateTime={mail.sentAt.toISOString()}>{dateTimeText(local(mail.sentAt))}</time>
            ) : (
              <>
                Waiting to be sent since <time dateTime={mail.createdAt.toISOString()}>{dateTimeText(local(mail.createdAt))}</time>
              </>
            )}
          </dd>
        </div>
        <div class="summary-row">
          <dt class="summary-key">To</dt>
          <dd class="summary-value">{user.email}</dd>
        </div>
        {method && (
          <div class="summary-row">
            <dt class="summary-key">Attached</dt>
            <dd class="summary-value">
              {what} (METHOD:{method}){' '}
              <a href={inviteHref(user.email, mail.id)} download="invite.ics" class="mail-download">
                Download invite.ics<span class="chip-words">{`, the ${what?.toLowerCase()} ${sent}`}</span>
              </a>
            </dd>
          </div>
        )}
      </dl>
      <pre class="mail-text">{mail.text ?? ''}</pre>
    </article>
  );
}
