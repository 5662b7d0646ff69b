import type { EmulatorEvent, EmulatorUser } from '../emulator-client.js';
import { dateTimeText, instant, responseOf, type WeekView } from '../week.js';
import { weekHref } from '../links.js';

/** A labelled input of the Calendar's forms (the console's field style). */
function Field(props: { id: string; name: string; label: string; type: 'date' | 'time' | 'text'; value: string }) {
  return (
    <div class="field field-inline">
      <label class="label" for={props.id}>
        {props.label}
      </label>
      {/* Preact types each input type apart; these three take the same attributes. */}
      <input class="input" id={props.id} name={props.name} type={props.type as 'date'} value={props.value} required />
    </div>
  );
}

function Hidden({ user, event }: { user: EmulatorUser; event?: EmulatorEvent }) {
  return (
    <>
      <input type="hidden" name="user" value={user.email} />
      {event && <input type="hidden" name="eventId" value={event.id} />}
    </>
  );
}

const RSVP = [
  { value: 'accepted', label: 'Yes' },
  { value: 'declined', label: 'No' },
  { value: 'tentative', label: 'Maybe' },
] as const;

const ANSWER_WORDS = {
  organizer: 'You organize it',
  accepted: 'Going',
  declined: 'Not going',
  tentative: 'Maybe',
  needsAction: 'Not answered yet',
};

/** The opened event: when, who, and what the user can do with it as themselves in Google Calendar. */
export function EventPanel({ user, event, week }: { user: EmulatorUser; event: EmulatorEvent; week: WeekView }) {
  const zone = user.timeZone;
  const response = responseOf(event, user.email);
  const start = event.start.dateTime ? instant(event.start, zone).setLocale('en-GB') : undefined;
  const end = event.end.dateTime ? instant(event.end, zone) : undefined;
  const when = start && end ? `${dateTimeText(start)} – ${end.toFormat('HH:mm')}` : `All day, ${event.start.date}`;
  const title = event.summary?.trim() || '(No title)';
  return (
    <section class="event-panel" aria-labelledby="event-title" data-event-panel="">
      <h2 class="heading-m" id="event-title" tabindex={-1}>
        {title}
      </h2>
      <dl class="summary-list">
        <div class="summary-row">
          <dt class="summary-key">When</dt>
          <dd class="summary-value">{when}</dd>
        </div>
        <div class="summary-row">
          <dt class="summary-key">Organizer</dt>
          <dd class="summary-value">{event.organizer.email}</dd>
        </div>
        <div class="summary-row">
          <dt class="summary-key">Your answer</dt>
          <dd class="summary-value">{ANSWER_WORDS[response]}</dd>
        </div>
        {event.hangoutLink && (
          <div class="summary-row">
            <dt class="summary-key">Google Meet</dt>
            <dd class="summary-value">{event.hangoutLink}</dd>
          </div>
        )}
      </dl>
      {response === 'organizer' && start && end && (
        <form method="post" action="/calendar/events/move" class="event-form" novalidate>
          <Hidden user={user} event={event} />
          <fieldset class="fieldset">
            <legend class="legend">Move the event</legend>
            <Field id="move-date" name="date" label="Date" type="date" value={start.toISODate()!} />
            <Field id="move-start" name="start" label="Start" type="time" value={start.toFormat('HH:mm')} />
            <Field id="move-end" name="end" label="End" type="time" value={end.toFormat('HH:mm')} />
            <button type="submit" class="button button-primary">
              Move
            </button>
          </fieldset>
        </form>
      )}
      {response !== 'organizer' && (
        <form method="post" action="/calendar/events/respond" class="event-form">
          <Hidden user={user} event={event} />
          <fieldset class="fieldset">
            <legend class="legend">Going?</legend>
            <div class="button-group">
              {RSVP.map((answer) => (
                <button
                  key={answer.value}
                  type="submit"
                  name="response"
                  value={answer.value}
                  class={`button ${response === answer.value ? 'button-primary' : 'button-secondary'}`}
                  aria-pressed={response === answer.value ? 'true' : 'false'}
                >
                  {answer.label}
                </button>
              ))}
            </div>
          </fieldset>
        </form>
      )}
      <div class="button-group">
        {response === 'organizer' && (
          <form method="post" action="/calendar/events/delete" class="inline-form">
            <Hidden user={user} event={event} />
            <button type="submit" class="button button-warning">
              Delete event
            </button>
          </form>
        )}
        <a class="button button-secondary" href={weekHref(user.email, week.monday)}>
          Close
        </a>
      </div>
    </section>
  );
}

/** An ordinary busy event the user adds to their own calendar (it blocks their free/busy). */
export function NewEventForm({ user, week }: { user: EmulatorUser; week: WeekView }) {
  const day = week.days.find((entry) => entry.today)?.date ?? week.monday;
  return (
    <form method="post" action="/calendar/events" class="event-form new-event" novalidate>
      <Hidden user={user} />
      <fieldset class="fieldset">
        <legend class="legend">New busy event</legend>
        <Field id="new-title" name="title" label="Title" type="text" value="Busy" />
        <Field id="new-date" name="date" label="Date" type="date" value={day} />
        <Field id="new-start" name="start" label="Start" type="time" value="12:00" />
        <Field id="new-end" name="end" label="End" type="time" value="13:00" />
        <button type="submit" class="button button-primary">
          Create event
        </button>
      </fieldset>
    </form>
  );
}
