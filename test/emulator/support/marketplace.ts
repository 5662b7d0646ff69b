/** A browser stand-in for the emulator's Marketplace listing: open the page, read what it says and its form, post the form. */
import { attribute, hasAttribute, textOf } from './sign-in.js';

/** A checkbox or radio of the Admin install form, with the text of its label. */
export interface ListingChoice {
  name: string;
  value: string;
  label: string;
  checked: boolean;
}

export interface ListingPage {
  status: number;
  html: string;
  headers: Headers;
  title: string;
  /** The `<h1>`s' text (one, on a well-made page). */
  headings: string[];
  /** The "Installed for" line. */
  installedFor?: string;
  /** The permissions, in plain words. */
  permissions: string[];
  choices: ListingChoice[];
  /** The alert's text: what the submission changed, or why it was refused. */
  alert?: string;
  /** Inputs without a `<label for>` (hidden ones excepted). */
  unlabelled: string[];
}

const read = (html: string, pattern: RegExp): string | undefined => {
  const match = pattern.exec(html)?.[1];
  return match === undefined ? undefined : textOf(match);
};

export async function openListing(url: string, init?: RequestInit): Promise<ListingPage> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const html = await response.text();
  const inputs = (html.match(/<input\b[^>]*>/g) ?? []).filter((tag) => attribute(tag, 'type') !== 'hidden');
  const permissions = /<h2 id="permissions-heading">[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return {
    status: response.status,
    html,
    headers: response.headers,
    title: read(html, /<title>([\s\S]*?)<\/title>/) ?? '',
    headings: [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => textOf(m[1]!)),
    installedFor: read(html, /<h2 id="installed-heading">[^<]*<\/h2>\s*<p>([\s\S]*?)<\/p>/),
    permissions: [...permissions.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!)),
    choices: inputs.map((tag) => {
      const id = attribute(tag, 'id') ?? '';
      return {
        name: attribute(tag, 'name') ?? '',
        value: attribute(tag, 'value') ?? '',
        label: read(html, new RegExp(`<label for="${id}">([\\s\\S]*?)</label>`)) ?? '',
        checked: hasAttribute(tag, 'checked'),
      };
    }),
    alert: read(html, /<p role="alert"[^>]*>([\s\S]*?)<\/p>/),
    unlabelled: inputs.filter((tag) => !html.includes(`<label for="${attribute(tag, 'id') ?? ''}">`)),
  };
}

/** Posts the install form as a browser would: form-encoded, repeated names for the checked boxes. */
export function submitListing(url: string, fields: Array<[string, string]>): Promise<ListingPage> {
  return openListing(url, { method: 'POST', body: new URLSearchParams(fields) });
}
