import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildBookingConfirmCard, buildBookingDurationCard, buildBookingSlotsCard } from '../../addon/src/cards/book.js';
import { buildCancelConfirmCard } from '../../addon/src/cards/cancel.js';
import { buildHelpCard } from '../../addon/src/cards/help.js';
import { buildHomeCard } from '../../addon/src/cards/home.js';
import { buildNeutralEventCard } from '../../addon/src/cards/neutral-event.js';
import { buildProblemCard } from '../../addon/src/cards/problem.js';
import { buildRescheduleConfirmCard, buildRescheduleSlotsCard } from '../../addon/src/cards/reschedule.js';
import { buildSessionContextCard } from '../../addon/src/cards/session-context.js';
import { formatTimeRange } from '../../addon/src/format.js';
import { AddonProblem, type ProblemKind } from '../../addon/src/problems.js';
import { allRecords, buttonOf, buttonsOf, installCardService, textOf, type Recorded } from './support/card-queries.js';
import { aMe, aSession, MATCHING_ID, SESSION_ID, someSlots } from './support/fixtures.js';

beforeAll(installCardService);

const matching = aMe().matchings[0]!;
const sections = (card: unknown) => (card as { sections: Recorded[] }).sections;

describe('time formatting', () => {
  it('reads the backend’s local time as it is, with the weekday of that date', () => {
    expect(formatTimeRange('2027-03-15T16:00:00.000+01:00', '2027-03-15T16:30:00.000+01:00')).toBe('Mon 15 Mar 2027, 16:00–16:30');
    expect(formatTimeRange('2027-03-28T23:30:00.000+01:00', '2027-03-29T00:30:00.000+02:00')).toBe(
      'Sun 28 Mar 2027, 23:30 – Mon 29 Mar 2027, 00:30',
    );
  });
});

describe('session context card', () => {
  it('shows match, program, session number, time in the user’s zone, RSVP, agenda, Meet, Reschedule and Cancel', () => {
    const card = buildSessionContextCard(aSession());
    expect(card).toMatchObject({
      kind: 'Card',
      name: 'session',
      header: { title: 'Session 2 with Ben Mentee', subtitle: 'Leadership 2027' },
    });
    const text = textOf(card);
    for (const shown of [
      'When (Europe/Madrid)',
      'Mon 15 Mar 2027, 16:00–16:30',
      'Ben Mentee accepted',
      'Leadership 2027 · session 2',
      'Growing as a first-time manager',
      'Mentor',
    ]) {
      expect(text).toContain(shown);
    }
    expect(buttonOf(card, 'Join Google Meet').url).toBe('https://meet.google.com/abc-defg-hij');
    expect(buttonOf(card, 'Reschedule').action).toEqual({
      kind: 'Action',
      functionName: 'onShowRescheduleSlots',
      parameters: { sessionId: SESSION_ID, version: '3', duration: '30' },
    });
    expect(buttonOf(card, 'Cancel session').action).toEqual({
      kind: 'Action',
      functionName: 'onReviewCancel',
      parameters: { sessionId: SESSION_ID, version: '3' },
    });
  });

  it('says clearly that the match declined', () => {
    const card = buildSessionContextCard(aSession({ status: 'DECLINED', matchResponseStatus: 'declined' }));
    const widgets = sections(card)[0]!.widgets as Recorded[];
    expect(widgets[0]).toMatchObject({ kind: 'TextParagraph', text: '<b>Ben Mentee declined this session.</b>' });
    expect(textOf(card)).toContain('Ben Mentee declined');
  });

  it('shows the attention message first, in red; a decline note is not said twice', () => {
    const conflict = buildSessionContextCard(aSession({ attention: { code: 'time_conflict', message: 'Moved onto <busy> time' } }));
    expect((sections(conflict)[0]!.widgets as Recorded[])[0]).toEqual({
      kind: 'TextParagraph',
      text: '<font color="#b3261e"><b>⚠ Moved onto &lt;busy&gt; time</b></font>',
    });
    const declined = buildSessionContextCard(
      aSession({
        status: 'DECLINED',
        matchResponseStatus: 'declined',
        attention: { code: 'declined', message: 'Ben Mentee declined this session.' },
      }),
    );
    expect(textOf(declined).match(/declined this session/g)).toHaveLength(1);
    expect(textOf(buildSessionContextCard(aSession({ attention: { code: 'time_conflict', message: '' } })))).toContain(
      'needs your attention',
    );
  });

  it('offers no changes for a cancelled session, and shows the reason', () => {
    const card = buildSessionContextCard(
      aSession({ status: 'CANCELLED', cancelReason: 'Travelling', allowedActions: [], conference: { status: 'NONE', meetLink: null } }),
    );
    expect(textOf(card)).toContain('Cancelled: Travelling');
    expect(buttonsOf(card)).toEqual([]);
  });

  it('escapes names, programs and agendas (user data is not markup), on the home card too', () => {
    const card = buildSessionContextCard(aSession({ agenda: '<script>x</script> & more', program: { id: 'p-1', name: 'R&D <Leaders>' } }));
    expect(textOf(card)).toContain('&lt;script&gt;x&lt;/script&gt; &amp; more');
    expect(textOf(card)).toContain('R&amp;D &lt;Leaders&gt; · session 2');
    expect(textOf(card)).not.toContain('<script>');
    const [first] = aMe().matchings;
    const home = buildHomeCard(aMe({ matchings: [{ ...first!, program: { ...first!.program, name: 'R&D <Leaders>' } }] }), [
      aSession({ program: { id: 'p-1', name: 'R&D <Leaders>' } }),
    ]);
    const labels = allRecords(home)
      .filter((record) => record.kind === 'DecoratedText')
      .map((record) => record.topLabel);
    expect(labels).toEqual(['R&amp;D &lt;Leaders&gt; · session 2', 'R&amp;D &lt;Leaders&gt;']);
  });
});

describe('home card', () => {
  it('lists upcoming sessions (match, time, RSVP, Meet, opening the session) and a Book button per matching', () => {
    const card = buildHomeCard(aMe(), [
      aSession(),
      aSession({ id: 'other', sessionNumber: 3, matchResponseStatus: 'needsAction', conference: { status: 'PENDING', meetLink: null } }),
    ]);
    expect(card).toMatchObject({ kind: 'Card', name: 'home' });
    const [upcoming, book] = sections(card);
    const lines = upcoming!.widgets as Recorded[];
    expect(lines[0]).toMatchObject({
      kind: 'DecoratedText',
      topLabel: 'Leadership 2027 · session 2',
      text: '<b>Ben Mentee</b> · Mon 15 Mar 2027, 16:00–16:30',
      bottomLabel: 'Ben Mentee accepted',
      onClickAction: { functionName: 'onShowSession', parameters: { sessionId: SESSION_ID } },
      button: { text: 'Meet', openLink: { url: 'https://meet.google.com/abc-defg-hij' } },
    });
    expect(lines[1]).toMatchObject({ bottomLabel: 'Ben Mentee has not answered yet' });
    expect(lines[1]!.button).toBeUndefined();
    expect(book).toMatchObject({ header: 'Book the next session' });
    expect(buttonOf(card, 'Book').action).toMatchObject({
      functionName: 'onChooseBookingDuration',
      parameters: { matchingId: MATCHING_ID },
    });
  });

  it('puts a session’s attention message above it and says when the calendar is not connected', () => {
    const card = buildHomeCard(aMe({ calendarConnected: false }), [
      aSession({ status: 'DECLINED', attention: { code: 'conflict', message: 'Moved onto a busy time' } }),
    ]);
    expect(textOf(sections(card)[0])).toContain('Google Calendar is not connected');
    const lines = sections(card)[1]!.widgets as Recorded[];
    expect(lines[0]).toMatchObject({ kind: 'TextParagraph', text: expect.stringContaining('Moved onto a busy time') });
    expect(lines[1]).toMatchObject({ bottomLabel: 'Ben Mentee declined this session.' });
  });

  it('says when nothing is coming up', () => {
    expect(textOf(buildHomeCard(aMe(), []))).toContain('No upcoming sessions.');
  });
});

describe('neutral event card', () => {
  it('explains other events and unsaved ones, and leads to the home card', () => {
    expect(textOf(buildNeutralEventCard(false))).toContain('not a Together mentoring session');
    expect(textOf(buildNeutralEventCard(true))).toContain('not saved yet');
    expect(buttonOf(buildNeutralEventCard(false), 'Your sessions').action).toMatchObject({ functionName: 'onShowHome' });
  });
});

describe('reschedule cards', () => {
  it('lists slots by day; choosing one reviews it with the version the user saw', () => {
    const card = buildRescheduleSlotsCard(SESSION_ID, 3, someSlots());
    expect(sections(card).map((section) => section.header)).toEqual([undefined, 'Tue 16 Mar 2027', 'Wed 17 Mar 2027']);
    expect(sections(card)[1]!.widgets).toHaveLength(2);
    const choose = buttonsOf(card)[0]!;
    expect(choose.action).toMatchObject({
      functionName: 'onReviewReschedule',
      parameters: { sessionId: SESSION_ID, version: '3', start: '2027-03-16T16:00:00.000Z', startLocal: '2027-03-16T17:00:00.000+01:00' },
    });
    expect(textOf(card)).toContain('17:00–17:30');
  });

  it('says when only the user’s calendar, or neither, could be checked, and when there is no time', () => {
    expect(textOf(buildRescheduleSlotsCard(SESSION_ID, 3, someSlots({ checked: { viewer: true, match: false } })))).toContain(
      'only your own availability',
    );
    expect(
      textOf(buildRescheduleSlotsCard(SESSION_ID, 3, someSlots({ unchecked: true, checked: { viewer: false, match: false } }))),
    ).toContain('only respect working hours');
    expect(textOf(buildRescheduleSlotsCard(SESSION_ID, 3, someSlots({ slots: [] })))).toContain('No shared free time');
  });

  it('confirms from the current time to the new one', () => {
    const slot = someSlots().slots[0]!;
    const card = buildRescheduleConfirmCard(aSession(), 3, slot);
    expect(card).toMatchObject({ header: { title: 'Move session 2 with Ben Mentee?' } });
    expect(textOf(card)).toContain('Mon 15 Mar 2027, 16:00–16:30');
    expect(textOf(card)).toContain('Tue 16 Mar 2027, 17:00–17:30');
    expect(buttonOf(card, 'Move session').action).toMatchObject({
      functionName: 'onConfirmReschedule',
      parameters: { sessionId: SESSION_ID, version: '3', start: slot.start },
    });
  });
});

describe('cancel card', () => {
  it('asks to confirm, with an optional reason field', () => {
    const card = buildCancelConfirmCard(aSession(), 3);
    expect(card).toMatchObject({ header: { title: 'Cancel session 2 with Ben Mentee?' } });
    expect(allRecords(card).find((record) => record.kind === 'TextInput')).toMatchObject({
      fieldName: 'reason',
      title: 'Reason (optional)',
      multiline: true,
    });
    expect(buttonOf(card, 'Cancel session').action).toMatchObject({
      functionName: 'onConfirmCancel',
      parameters: { sessionId: SESSION_ID, version: '3' },
    });
  });
  it('brings back a reason that was too long, in the field, with a note to shorten it', () => {
    const input = (card: unknown) => allRecords(card).find((record) => record.kind === 'TextInput');
    expect(input(buildCancelConfirmCard(aSession(), 3))!.value).toBeUndefined();
    const card = buildCancelConfirmCard(aSession(), 3, 'y'.repeat(612));
    expect(input(card)).toMatchObject({ fieldName: 'reason', value: 'y'.repeat(612) });
    expect(textOf(card)).toContain('Your reason is 612 characters long; please shorten it to 500.');
  });
});

describe('booking cards', () => {
  it('duration → slots → confirm', () => {
    const durations = buildBookingDurationCard(matching);
    expect(buttonsOf(durations).map((b) => [b.text, b.action?.parameters.duration])).toEqual([
      ['30 min', '30'],
      ['60 min', '60'],
    ]);
    expect(buttonOf(durations, '60 min').action).toMatchObject({
      functionName: 'onShowBookingSlots',
      parameters: { matchingId: MATCHING_ID },
    });

    const slots = buildBookingSlotsCard(matching, someSlots());
    expect(slots).toMatchObject({ header: { title: 'Book a session with Ben Mentee' } });
    expect(buttonsOf(slots)[2]!.action).toMatchObject({
      functionName: 'onReviewBooking',
      parameters: { matchingId: MATCHING_ID, duration: '30', start: '2027-03-17T16:00:00.000Z' },
    });

    const confirm = buildBookingConfirmCard(matching, 30, someSlots().slots[0]!, 'Europe/Madrid');
    expect(textOf(confirm)).toContain('Tue 16 Mar 2027, 17:00–17:30');
    expect(buttonOf(confirm, 'Book session').action).toMatchObject({
      functionName: 'onConfirmBooking',
      parameters: { matchingId: MATCHING_ID, duration: '30', start: '2027-03-16T16:00:00.000Z' },
    });
  });
});

describe('error cards', () => {
  const retry = { functionName: 'onShowSession' as const, parameters: { sessionId: SESSION_ID } };
  const titles: Record<ProblemKind, string> = {
    not_in_program: 'You are not part of a mentoring program',
    calendar_not_connected: 'Your calendar is not connected',
    backend_unreachable: 'Together cannot be reached',
    calendar_unavailable: 'Google Calendar is not answering',
    session_not_modifiable: 'This session can no longer be changed',
    slot_taken: 'That time was just taken',
    version_conflict: 'This session changed meanwhile',
    signed_out: 'Together could not confirm who you are',
    invalid_action: 'This card is out of date',
    unexpected: 'Something went wrong',
  };

  it.each(Object.entries(titles))('%s: its own title, the detail, a retry or a way home, and Help', (kind, title) => {
    const card = buildProblemCard(new AddonProblem(kind as ProblemKind, 'the detail'), { retry, helpUrl: 'https://help.test/' });
    expect(card).toMatchObject({ header: { title } });
    expect(textOf(card)).toContain('the detail');
    expect(buttonOf(card, 'Help').url).toBe('https://help.test/');
    if (kind === 'invalid_action') expect(buttonOf(card, 'Your sessions').action).toMatchObject({ functionName: 'onShowHome' });
    else expect(buttonOf(card, 'Try again').action).toMatchObject(retry);
  });

  it('puts a problem’s way out first', () => {
    const problem = new AddonProblem('version_conflict', 'changed').withRecovery('Reload session', {
      functionName: 'onReloadSession',
      parameters: { sessionId: SESSION_ID },
    });
    const card = buildProblemCard(problem, { helpUrl: 'https://help.test/' });
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['Reload session', 'Help']);
  });
});

describe('help card', () => {
  it('links to the help page and home', () => {
    const card = buildHelpCard('https://help.test/addon');
    expect(buttonOf(card, 'Help center').url).toBe('https://help.test/addon');
    expect(buttonOf(card, 'Your sessions').action).toMatchObject({ functionName: 'onShowHome' });
  });
});
