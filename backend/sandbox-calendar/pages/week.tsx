import { placeClasses } from '../grid-css.js';
import { weekHref } from '../links.js';
import type { EmulatorEvent, EmulatorUser } from '../emulator-client.js';
import type { Chip, DayView, TimedChip, WeekView } from '../week.js';
import { EventPanel, NewEventForm } from './event-forms.js';
import { Layout, type CalendarContext } from './layout.js';
import { displayName } from './users.js';

export interface WeekPageProps {
  ctx: CalendarContext;
  user: EmulatorUser;
  week: WeekView;
  /** The event opened (a chip clicked), if it still exists. */
  selected: EmulatorEvent | undefined;
  /** The sidebar's page for what is open: the add-on's home, or the add-on on the event. */
  sidebarUrl: string;
  /** Mails Together sent the user, for the header's Mail link; undefined: no link. */
  mailCount: number | undefined;
}

/** `GET /calendar/week`: the toolbar, the week grid, the opened event's actions, a new event; the add-on on the right. */
export function WeekPage(props: WeekPageProps) {
  const { user, week } = props;
  const name = displayName(user);
  const href = (monday: string) => weekHref(user.email, monday);
  return (
    <Layout
      ctx={props.ctx}
      title={`${week.range} – ${name}'s calendar`}
      wide
      person={{ email: user.email, name, mailCount: props.mailCount, here: 'week' }}
    >
      <div class="calendar-shell">
        <div class="calendar-main">
          <div class="toolbar">
            <h1 class="toolbar-title">
              {name}'s calendar <span class="toolbar-range">{week.range}</span>
            </h1>
            <nav class="toolbar-nav" aria-label="Weeks">
              <a
                class="button button-secondary button-small"
                href={href(week.thisWeek)}
                aria-current={week.thisWeek === week.monday ? 'date' : undefined}
              >
                Today
              </a>
              <a class="arrow" href={href(week.previous)} rel="prev" aria-label="Previous week">
                ‹
              </a>
              <a class="arrow" href={href(week.next)} rel="next" aria-label="Next week">
                ›
              </a>
            </nav>
            <p class="toolbar-zone">
              Times in {user.timeZone} ({user.email})
            </p>
          </div>
          <div data-refresh="grid">
            <Grid week={week} user={user} selectedId={props.selected?.id} />
          </div>
          <div class="calendar-forms" data-refresh="forms">
            {props.selected && <EventPanel user={user} event={props.selected} week={week} />}
            <NewEventForm user={user} week={week} />
          </div>
        </div>
        <aside class="sidebar" aria-label="Together add-on">
          <iframe class="sidebar-frame" title="Together add-on" src={props.sidebarUrl} data-sidebar=""></iframe>
        </aside>
      </div>
    </Layout>
  );
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

function Grid({ week, user, selectedId }: { week: WeekView; user: EmulatorUser; selectedId: string | undefined }) {
  return (
    <section class="grid" aria-label={`Week of ${week.range}`}>
      <div class="grid-head">
        <div class="gutter-head" aria-hidden="true"></div>
        {week.days.map((day) => (
          <h2 key={day.date} class={`day-head${day.today ? ' day-today' : ''}`} aria-current={day.today ? 'date' : undefined}>
            <span class="day-weekday">{day.weekday}</span> <span class="day-number">{day.dayNumber}</span>
            <span class="visually-hidden">{day.label.replace(/^\S+ /, ' ')}</span>
          </h2>
        ))}
      </div>
      <div class="grid-allday">
        <div class="gutter-head">All day</div>
        {week.days.map((day) => (
          <ul key={day.date} class="allday-cell" aria-label={`All day, ${day.label}`}>
            {day.allDay.map((chip) => (
              <li key={chip.event.id}>
                <ChipLink chip={chip} user={user} week={week} selected={chip.event.id === selectedId} classes="chip-allday" />
              </li>
            ))}
          </ul>
        ))}
      </div>
      <div class="grid-body" data-grid-body="" data-scroll-to={String(8 * 48)}>
        <div class="gutter" aria-hidden="true">
          {HOURS.map((hour) => (
            <div key={hour} class="gutter-hour">
              {hour === 0 ? '' : `${String(hour).padStart(2, '0')}:00`}
            </div>
          ))}
        </div>
        {week.days.map((day) => (
          <DayColumn key={day.date} day={day} user={user} week={week} selectedId={selectedId} />
        ))}
      </div>
    </section>
  );
}

function DayColumn({ day, user, week, selectedId }: { day: DayView; user: EmulatorUser; week: WeekView; selectedId: string | undefined }) {
  return (
    <div class={`day-column${day.today ? ' day-today' : ''}`} data-date={day.date}>
      <ul class="day-events" aria-label={day.label}>
        {day.timed.map((chip: TimedChip) => (
          <li key={chip.event.id}>
            <ChipLink chip={chip} user={user} week={week} selected={chip.event.id === selectedId} classes={placeClasses(chip)} timed />
          </li>
        ))}
      </ul>
      {day.nowMinute !== undefined && <div class={`now-line at-${Math.floor(day.nowMinute / 5)}`} aria-hidden="true" data-now=""></div>}
    </div>
  );
}

/**
 * An event chip: a link that opens the event (the add-on's contextual card and the actions). Its name,
 * from its content, says title, day, start and end ("Design review, Monday 7 December, 18:30 to 19:30"),
 * then what its look shows; the day and those words are for screen readers only (`chip-words`: inline,
 * so the name has no stray spaces, which an absolutely positioned visually-hidden span would add).
 */
function ChipLink(props: {
  chip: Chip | TimedChip;
  user: EmulatorUser;
  week: WeekView;
  selected: boolean;
  classes: string;
  timed?: boolean;
}) {
  const { chip } = props;
  const movable = props.timed && chip.response === 'organizer';
  const minutes = 'startMinute' in chip ? chip.endMinute - chip.startMinute : 0;
  const [start, end] = chip.timeText.split(' – ');
  const notes = chip.notes ? `, ${chip.notes}` : '';
  return (
    <a
      class={`chip ${chip.colour} chip-${chip.response}${chip.free ? ' chip-free' : ''} ${props.classes}`}
      href={weekHref(props.user.email, props.week.monday, chip.event.id)}
      aria-current={props.selected ? 'true' : undefined}
      data-event-id={chip.event.id}
      data-calendar-id={props.user.email}
      draggable={movable ? true : undefined}
      data-duration={movable ? String(minutes) : undefined}
    >
      {chip.together && (
        <span class="chip-badge" aria-hidden="true">
          T
        </span>
      )}
      <span class="chip-title">
        {chip.title}
        <span class="chip-words">{`, ${chip.day}${props.timed ? ',' : `, all day${notes}`}`}</span>
      </span>{' '}
      {props.timed && (
        <span class="chip-time">
          {start}
          <span class="chip-words"> to</span>
          <span aria-hidden="true"> –</span> {end}
          <span class="chip-words">{notes}</span>
        </span>
      )}
    </a>
  );
}
