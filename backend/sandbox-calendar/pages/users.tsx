import type { EmulatorUser } from '../emulator-client.js';
import { Layout, type CalendarContext } from './layout.js';

export const displayName = (user: EmulatorUser): string => `${user.givenName ?? ''} ${user.familyName ?? ''}`.trim() || user.email;

/** `GET /calendar`: every demo user, one click each to their week. */
export function UsersPage({ ctx, users }: { ctx: CalendarContext; users: EmulatorUser[] }) {
  const sorted = [...users].sort((a, b) => displayName(a).localeCompare(displayName(b), 'en-GB'));
  return (
    <Layout ctx={ctx} title="Choose a demo user">
      <h1 class="heading-l">Choose a demo user</h1>
      <p class="lead">Open someone's week in Google Calendar, with the Together add-on beside it.</p>
      <ul class="user-list">
        {sorted.map((user) => (
          <li key={user.email}>
            {user.suspended ? (
              <span class="user-suspended">
                {displayName(user)} <span class="user-meta">{user.email} · suspended: cannot sign in</span>
              </span>
            ) : (
              <a href={`/calendar/week?user=${encodeURIComponent(user.email)}`}>
                {displayName(user)}{' '}
                <span class="user-meta">
                  {user.email} · {user.timeZone}
                </span>
              </a>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
