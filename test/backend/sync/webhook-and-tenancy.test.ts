import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { ensureWatchChannels } from '../../../backend/domain/sync/ensure-watch-channels.js';
import { syncCalendar } from '../../../backend/domain/sync/sync-calendar.js';
import { DELEGATED_SCOPES } from '../../../backend/google/delegated-auth.js';
import { createAdminToken } from '../../support/factories.js';
import { expectStatus } from '../../support/app.js';
import { as, control } from '../scheduling/support.js';
import { ANA, bookWatched, CLEO, emulatorChannelOf, notify, sessionAs, sessionBecomes, settle, startSyncWorld } from './support.js';
import { emulatorControl } from '../../support/emulator-control.js';

const world = useWorld(() => startSyncWorld());

const requested = async () =>
  (await world().db.prisma.calendarSyncState.findMany({ orderBy: { id: 'asc' }, select: { requestedCount: true } })).map(
    (s) => s.requestedCount,
  );

describe('the webhook', () => {
  it('refuses unknown channels, wrong tokens and missing headers with documented codes, and changes nothing', async () => {
    await bookWatched(world(), world().days.next().at('16:00'));
    const channel = emulatorChannelOf(world(), ANA);
    await settle(500);
    const before = await requested();
    const post = (headers: Record<string, string>) => request(world().syncApp).post('/webhooks/google-calendar').set(headers);
    const wrongToken = await post({
      'X-Goog-Channel-ID': channel.id,
      'X-Goog-Channel-Token': `${channel.token!}x`,
      'X-Goog-Resource-State': 'exists',
    });
    expectStatus(wrongToken, 403);
    expect(wrongToken.body.error.code).toBe('forbidden');
    const noToken = await post({ 'X-Goog-Channel-ID': channel.id, 'X-Goog-Resource-State': 'exists' });
    expectStatus(noToken, 403);
    const unknown = await post({
      'X-Goog-Channel-ID': '5b1f9c3e-0000-4000-8000-000000000000',
      'X-Goog-Channel-Token': channel.token!,
      'X-Goog-Resource-State': 'exists',
    });
    expectStatus(unknown, 404);
    expect(unknown.body.error.code).toBe('unknown_channel');
    const headerless = await post({});
    expectStatus(headerless, 400);
    expect(headerless.body.error.code).toBe('invalid_request');
    // The handshake `sync` message is acknowledged without asking for a sync.
    expect(await notify(world(), { channelId: channel.id, token: channel.token!, state: 'sync', messageNumber: 1 })).toBe(202);
    expect(await requested()).toEqual(before);
  });

  it('answers a known channel with 202 and the calendar owes a sync', async () => {
    const channel = emulatorChannelOf(world(), ANA);
    const state = await world().db.prisma.calendarSyncState.findFirstOrThrow({ where: { calendarId: ANA } });
    expect(await notify(world(), { channelId: channel.id, token: channel.token!, state: 'exists' })).toBe(202);
    const after = await world().db.prisma.calendarSyncState.findFirstOrThrow({ where: { calendarId: ANA } });
    expect(after.requestedCount).toBe(state.requestedCount + 1);
  });
});

describe('channels follow who has upcoming sessions', () => {
  it('stops the channels of people with no upcoming session, and refuses their notifications from then on', async () => {
    const ana = await as(world(), ANA, world().syncApp);
    for (const session of await world().db.prisma.mentoringSession.findMany({ where: { status: 'CONFIRMED' } })) {
      expectStatus(await ana.post(`/sessions/${session.id}/cancel`, { version: session.version }), 200);
    }
    const channel = emulatorChannelOf(world(), ANA);
    const outcome = await ensureWatchChannels(world().sync.deps);
    expect(outcome.stopped).toBe(2);
    expect(await emulatorControl(world().emulator.url).channels()).toEqual([]);
    expect(await world().db.prisma.watchChannel.count({ where: { status: 'ACTIVE' } })).toBe(0);
    expect(await notify(world(), { channelId: channel.id, token: channel.token!, state: 'exists' })).toBe(404);
  });
});

describe('tenant isolation and events that left the calendar', () => {
  it("never applies another organization's calendar to a session, even when the event claims it", async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const before = await world().db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: booked.id } });
    // Olga's organization shares nothing with Ana's; her calendar holds a forged copy of the event.
    await control(world(), 'POST', '/grants', {
      serviceAccount: 'together@together-test.iam.gserviceaccount.com',
      domain: 'other.test',
      scopes: [...DELEGATED_SCOPES],
      reach: 'domain',
    });
    const olga = await world().db.prisma.person.findFirstOrThrow({ where: { email: 'olga@other.test' } });
    await control(world(), 'POST', '/users/olga@other.test/events', {
      id: booked.eventId,
      summary: 'Forged',
      start: { dateTime: day.at('10:00').toISOString() },
      end: { dateTime: day.at('11:00').toISOString() },
      extendedProperties: { private: { togetherSessionId: booked.id } },
    });
    const state = await world().db.prisma.calendarSyncState.create({
      data: { organizationId: olga.organizationId, personId: olga.id, calendarId: 'olga@other.test' },
    });
    const outcome = await syncCalendar(world().sync.deps, state.id);
    expect(outcome).toMatchObject({ listed: true, updated: 0 });
    expect(await world().db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: booked.id } })).toEqual(before);

    // Nor does an admin of Olga's organization see Ana's calendars in the sync status.
    const { token } = await createAdminToken(world().db.prisma, olga.organizationId);
    const theirs = await request(world().syncApp)
      .get(`/admin/v1/organizations/${olga.organizationId}/sync/calendars`)
      .set('Authorization', `Bearer ${token}`);
    expectStatus(theirs, 200);
    expect(theirs.body.calendars.map((c: { email: string }) => c.email)).toEqual(['olga@other.test']);
    const ours = await request(world().syncApp)
      .get(`/admin/v1/organizations/${world().organizationId}/sync/calendars`)
      .set('Authorization', `Bearer ${token}`);
    expect(ours.status).toBe(404);
  });

  it('flags a session whose event turns up with another organizer as moved_to_other_calendar', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    // Cleo (same organization, not in this matching) now holds the event: it was moved to her calendar.
    const cleo = await world().db.prisma.person.findFirstOrThrow({ where: { email: CLEO } });
    await control(world(), 'POST', `/users/${CLEO}/events`, {
      id: booked.eventId,
      summary: 'Moved here',
      start: { dateTime: day.at('16:00').toISOString() },
      end: { dateTime: day.at('16:30').toISOString() },
      extendedProperties: { private: { togetherSessionId: booked.id } },
    });
    const state = await world().db.prisma.calendarSyncState.create({
      data: { organizationId: cleo.organizationId, personId: cleo.id, calendarId: CLEO },
    });
    await syncCalendar(world().sync.deps, state.id);
    await sessionBecomes(world(), booked.id, (s) => s.attentionCode === 'moved_to_other_calendar');
    const shown = await sessionAs(world(), ANA, booked.id);
    expect(shown.attention).toEqual({ code: 'moved_to_other_calendar', message: expect.stringContaining(`${CLEO}'s calendar`) });
    expect(shown.status).toBe('CONFIRMED');
  });
});
