/**
 * CardService.Icon members drawn as Material icons' outlines (APPROXIMATE: Google's own glyphs are
 * not downloaded; the paths of the ones the add-on uses follow Material Icons, the rest are a
 * lettered circle), or an icon's image URL. An icon is decorative unless it has alt text.
 */
import type { Recorded } from './card-service.js';
import type { RenderContext } from './render-context.js';

const PATHS: Record<string, string> = {
  CLOCK:
    'M11.99 2C6.47 2 2 6.48 2 12s4.47 10 9.99 10C17.52 22 22 17.52 22 12S17.52 2 11.99 2zM12 20c-4.42 0-8-3.58-8-8s3.58-8 8-8 8 3.58 8 8-3.58 8-8 8zm.5-13H11v6l5.25 3.15.75-1.23-4.5-2.67z',
  PERSON: 'M12 12c2.21 0 4-1.79 4-4s-1.79-4-4-4-4 1.79-4 4 1.79 4 4 4zm0 2c-2.67 0-8 1.34-8 4v2h16v-2c0-2.66-5.33-4-8-4z',
  DESCRIPTION:
    'M14 2H6c-1.1 0-1.99.9-1.99 2L4 20c0 1.1.89 2 1.99 2H18c1.1 0 2-.9 2-2V8l-6-6zm2 16H8v-2h8v2zm0-4H8v-2h8v2zm-3-5V3.5L18.5 9H13z',
  BOOKMARK: 'M17 3H7c-1.1 0-1.99.9-1.99 2L5 21l7-3 7 3V5c0-1.1-.9-2-2-2z',
  MEMBERSHIP:
    'M16 11c1.66 0 2.99-1.34 2.99-3S17.66 5 16 5c-1.66 0-3 1.34-3 3s1.34 3 3 3zm-8 0c1.66 0 2.99-1.34 2.99-3S9.66 5 8 5C6.34 5 5 6.34 5 8s1.34 3 3 3zm0 2c-2.33 0-7 1.17-7 3.5V19h14v-2.5c0-2.33-4.67-3.5-7-3.5zm8 0c-.29 0-.62.02-.97.05 1.16.84 1.97 1.97 1.97 3.45V19h6v-2.5c0-2.33-4.67-3.5-7-3.5z',
  EMAIL: 'M20 4H4c-1.1 0-1.99.9-1.99 2L2 18c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V6c0-1.1-.9-2-2-2zm0 4l-8 5-8-5V6l8 5 8-5v2z',
  STAR: 'M12 17.27L18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z',
  PHONE:
    'M6.62 10.79c1.44 2.83 3.76 5.14 6.59 6.59l2.2-2.2c.27-.27.67-.36 1.02-.24 1.12.37 2.33.57 3.57.57.55 0 1 .45 1 1V20c0 .55-.45 1-1 1-9.39 0-17-7.61-17-17 0-.55.45-1 1-1h3.5c.55 0 1 .45 1 1 0 1.25.2 2.45.57 3.57.11.35.03.74-.25 1.02l-2.2 2.2z',
  MAP_PIN:
    'M12 2C8.13 2 5 5.13 5 9c0 5.25 7 13 7 13s7-7.75 7-13c0-3.87-3.13-7-7-7zm0 9.5c-1.38 0-2.5-1.12-2.5-2.5s1.12-2.5 2.5-2.5 2.5 1.12 2.5 2.5-1.12 2.5-2.5 2.5z',
  VIDEO_CAMERA: 'M17 10.5V7c0-.55-.45-1-1-1H4c-.55 0-1 .45-1 1v10c0 .55.45 1 1 1h12c.55 0 1-.45 1-1v-3.5l4 4v-11l-4 4z',
};
PATHS.MULTIPLE_PEOPLE = PATHS.MEMBERSHIP!;

/** Every member of CardService.Icon (Apps Script's reference). */
const MEMBERS = new Set([
  ...Object.keys(PATHS),
  'AIRPLANE',
  'BUS',
  'CAR',
  'CONFIRMATION_NUMBER_ICON',
  'DOLLAR',
  'EVENT_SEAT',
  'FLIGHT_ARRIVAL',
  'FLIGHT_DEPARTURE',
  'HOTEL',
  'HOTEL_ROOM_TYPE',
  'INVITE',
  'OFFER',
  'RESTAURANT_ICON',
  'SHOPPING_CART',
  'STORE',
  'TICKET',
  'TRAIN',
  'VIDEO_PLAY',
  'NONE',
]);

export function Icon({ record, ctx }: { record: unknown; ctx: RenderContext }) {
  const icon = record as Recorded;
  ctx.check(icon, ['icon', 'iconUrl', 'altText', 'imageCropType']);
  const alt = typeof icon.altText === 'string' && icon.altText ? icon.altText : undefined;
  if (typeof icon.iconUrl === 'string') return <img class="icon" src={icon.iconUrl} alt={alt ?? ''} width={24} height={24} />;
  const member = String(icon.icon).replace(/^Icon\./, '');
  if (!MEMBERS.has(member)) {
    ctx.notSupported(`icon ${String(icon.icon)}`);
    return <span class="icon unsupported-icon">?</span>;
  }
  const path = PATHS[member];
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      width={24}
      height={24}
      role={alt ? 'img' : undefined}
      aria-label={alt}
      aria-hidden={alt ? undefined : 'true'}
      focusable="false"
    >
      {path ? (
        <path d={path} fill="currentColor" />
      ) : (
        <>
          <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
          <text x="12" y="16" text-anchor="middle" font-size="11" fill="currentColor">
            {member.charAt(0)}
          </text>
        </>
      )}
    </svg>
  );
}
