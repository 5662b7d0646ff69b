/** Reading the Calendar's pages in HTTP tests: the chips, where they are, what they are called. */

export interface ChipSeen {
  classes: string[];
  label: string;
  href: string;
  /** The day column (yyyy-mm-dd) a timed chip is in; undefined for all-day chips. */
  date: string | undefined;
}

const decode = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]!) : undefined;
};

/** A link's accessible name from its content, as a browser computes it: text less what is aria-hidden, spaces collapsed. */
export const nameOf = (inner: string) =>
  decode(inner.replace(/<span [^>]*aria-hidden="true"[^>]*>[^<]*<\/span>/g, '').replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/** Every chip of the event with this id on the page (one per day it covers). */
export function chipsOf(html: string, eventId: string): ChipSeen[] {
  const chips: ChipSeen[] = [];
  const tags = new RegExp(`<a [^>]*data-event-id="${eventId}"[^>]*>([\\s\\S]*?)</a>`, 'g');
  for (const match of html.matchAll(tags)) {
    const before = html.slice(0, match.index);
    const column = before.lastIndexOf('class="day-column');
    const allDay = before.lastIndexOf('class="allday-cell');
    const date = column > allDay ? /data-date="([^"]+)"/.exec(html.slice(column))?.[1] : undefined;
    chips.push({
      classes: (attribute(match[0], 'class') ?? '').split(/\s+/),
      label: nameOf(match[1]!),
      href: attribute(match[0], 'href') ?? '',
      date,
    });
  }
  return chips;
}

/** The page's `<title>`. */
export const titleOf = (html: string) => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');

/** The iframe's src. */
export const sidebarSrc = (html: string) => decode(/<iframe [^>]*src="([^"]*)"/.exec(html)?.[1] ?? '');

/** The day headers marked as today (their data). */
export const todayHeaders = (html: string) =>
  [...html.matchAll(/<h2 class="day-head day-today" aria-current="date">([\s\S]*?)<\/h2>/g)].map((m) => m[1]!);
