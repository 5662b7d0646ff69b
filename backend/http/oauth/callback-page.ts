import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { CallbackRejection } from '../../domain/domains/complete-domain-verification.js';
import type { DomainVerificationView } from '../../domain/domains/get-domain-verification.js';
import type { VerificationFailureCode } from '../../domain/domains/verification-failures.js';

/** A page for the person in the browser after Google: status, title, heading and what to do, in plain words. */
export interface CallbackPage {
  status: number;
  title: string;
  heading: string;
  paragraphs: string[];
  /** A list under the paragraphs (the domains verified). */
  list?: string[];
  /** A last paragraph, after the list. */
  closing?: string;
  /** A form after everything else: posted to `action` (same origin) with its hidden fields and the button pressed. */
  form?: PageForm;
  /** What the page is part of, above the heading and in the title; default the domain verification. */
  caption?: string;
}

/** A form of the page: hidden fields, and one submit button per choice (the first is the main one). */
export interface PageForm {
  action: string;
  hidden: Record<string, string>;
  /** Each button submits `name=value`. */
  buttons: Array<{ name: string; value: string; label: string }>;
  /** `get` to load a page again (retry); default `post`. */
  method?: 'get' | 'post';
}

/** The page's only style; the CSP allows exactly this block, by its hash. */
const STYLE = [
  'body{margin:0;font:16px/1.5 Arial,sans-serif;color:#0b0c0c;background:#fff}',
  'main{max-width:40rem;margin:0 auto;padding:2rem 1rem}',
  'h1{font-size:2rem;line-height:1.25;margin:0 0 1.5rem}',
  '.caption{color:#505a5f;margin:0 0 .25rem}',
  '.skip{position:absolute;left:-9999px}.skip:focus{position:static;outline:3px solid #fd0;background:#fd0;color:#0b0c0c}',
  '.actions{display:flex;flex-wrap:wrap;gap:1rem;margin-top:2rem}',
  'button{font:inherit;font-weight:700;padding:.5rem 1rem;border:2px solid #0b0c0c;border-radius:0;background:#f3f2f1;color:#0b0c0c;cursor:pointer}',
  'button.primary{background:#00703c;border-color:#00703c;color:#fff}',
  'button:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}',
].join('');

/**
 * No script, nothing external: only this document's own style block. Framing and base URLs are
 * refused too; a form may post only to this server, and be redirected on to `formRedirectOrigin`
 * (Google's sign-in, for a form whose answer sends the browser there: browsers hold redirects after a
 * form post to form-action too).
 */
function callbackPageCsp(formRedirectOrigin?: string): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
    "base-uri 'none'",
    formRedirectOrigin ? `form-action 'self' ${formRedirectOrigin}` : "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The HTML document of a page; every text is escaped. Referrer policy `same-origin`: the page's own
 * form posts carry its Origin (under `no-referrer` Chromium sends `Origin: null`, which the same-origin
 * check must refuse), and no other site — Google included — gets a Referer with the page's address.
 */
export function renderCallbackPage(page: CallbackPage): string {
  const paragraphs = page.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
  const list = page.list?.length ? `\n<ul>\n${page.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>` : '';
  const closing = page.closing ? `\n<p>${escapeHtml(page.closing)}</p>` : '';
  const form = page.form ? `\n${renderForm(page.form)}` : '';
  const caption = escapeHtml(page.caption ?? 'Verify your Google Workspace domain');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(page.title)} – ${caption} – Together</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<main id="main" tabindex="-1">
<p class="caption">${caption}</p>
<h1>${escapeHtml(page.heading)}</h1>
${paragraphs}${list}${closing}${form}
</main>
</body>
</html>
`;
}

function renderForm(form: PageForm): string {
  const hidden = Object.entries(form.hidden).map(
    ([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
  );
  const buttons = form.buttons.map(
    (button, index) =>
      `<button type="submit" name="${escapeHtml(button.name)}" value="${escapeHtml(button.value)}"${index === 0 ? ' class="primary"' : ''}>${escapeHtml(button.label)}</button>`,
  );
  return `<form method="${form.method ?? 'post'}" action="${escapeHtml(form.action)}">\n${hidden.join('\n')}\n<div class="actions">\n${buttons.join('\n')}\n</div>\n</form>`;
}

/** A FAILED verification's page status: a permission problem is 403, a taken or unready domain 409, Google down 503. */
const FAILURE_STATUS: Record<VerificationFailureCode, number> = {
  access_denied: 200,
  google_error: 400,
  sign_in_failed: 400,
  google_unavailable: 503,
  not_workspace_account: 403,
  scopes_not_granted: 403,
  not_workspace_admin: 403,
  wrong_workspace: 403,
  domain_not_verified_in_google: 409,
  domain_unavailable: 409,
  declined: 200,
  expired: 400,
};

const FAILURE_HEADING: Partial<Record<VerificationFailureCode, (domain: string) => string>> = {
  access_denied: () => 'Sign-in cancelled',
  not_workspace_admin: () => 'You need a super administrator',
  not_workspace_account: () => 'Sign in with a Google Workspace account',
  wrong_workspace: (domain) => `This account is not part of ${domain}`,
  domain_unavailable: (domain) => `${domain} is not available`,
  declined: (domain) => `${domain} was not verified`,
  google_unavailable: () => 'Google did not answer',
};

/** What the person sees once a verification is VERIFIED or FAILED. */
export function verificationPage(view: DomainVerificationView, organizationName: string): CallbackPage {
  const { verification, failure } = view;
  if (view.status === 'VERIFIED') {
    const others = verification.verifiedDomains.filter((domain) => domain !== verification.domain);
    return {
      status: 200,
      title: 'Domain verified',
      heading: `${verification.domain} is verified`,
      paragraphs: [
        `${verification.signedInEmail ?? 'A super administrator'}, a super administrator of its Google Workspace, proved that ${verification.domain} belongs to the Together organization ${organizationName}.`,
        ...(others.length > 0 ? ['These domains of the same Google Workspace are verified for it too:'] : []),
      ],
      ...(others.length > 0 ? { list: others } : {}),
      closing: 'You can close this page and go back to Together.',
    };
  }
  const code = failure?.code ?? 'google_error';
  return {
    status: FAILURE_STATUS[code],
    title: 'Domain not verified',
    heading: FAILURE_HEADING[code]?.(verification.domain) ?? `${verification.domain} was not verified`,
    paragraphs: [failure?.message ?? `${verification.domain} was not verified.`, `Together organization: ${organizationName}.`],
  };
}

/** Refused callbacks: the state did not authenticate it, so nothing changed. */
const REJECTIONS: Record<CallbackRejection | 'malformed', { title: string; heading: string; text: string }> = {
  missing_state: {
    title: 'Sign-in link incomplete',
    heading: 'This sign-in link is not complete',
    text: 'Google’s answer reached Together without the part that says which verification it is for.',
  },
  malformed: {
    title: 'Sign-in link incomplete',
    heading: 'This sign-in link is not complete',
    text: 'Google’s answer reached Together in a form it cannot read.',
  },
  incomplete: {
    title: 'Sign-in link incomplete',
    heading: 'This sign-in link is not complete',
    text: 'Google’s answer reached Together without the result of the sign-in.',
  },
  unknown_state: {
    title: 'Sign-in link not recognised',
    heading: 'Together does not recognise this sign-in',
    text: 'The link may have been copied only in part, or it belongs to another Together server.',
  },
  used_state: {
    title: 'Sign-in link already used',
    heading: 'This sign-in link has already been used',
    text: 'Each verification link works once.',
  },
  expired_state: {
    title: 'Sign-in link expired',
    heading: 'This sign-in link has expired',
    text: 'A verification link works for 10 minutes after it is started.',
  },
};

/** The 400 page of a refused callback, saying what to do next. */
export function rejectionPage(reason: CallbackRejection | 'malformed'): CallbackPage {
  const page = REJECTIONS[reason];
  return {
    status: 400,
    title: page.title,
    heading: page.heading,
    paragraphs: [page.text, 'Nothing was changed. To verify a domain, start a new verification in Together and sign in within 10 minutes.'],
  };
}

/** Our own fault: no codes, no details. */
export const problemPage: CallbackPage = {
  status: 500,
  title: 'Problem with the service',
  heading: 'Sorry, there is a problem with the service',
  paragraphs: ['Try again later: start a new verification in Together and sign in again.'],
};

/** Where the confirmation page posts to (relative to /admin/oauth/callback). */
export const CONFIRM_ACTION = 'confirm';

/**
 * The question after a successful sign-in: verify these domains for this Together organization?
 * Named plainly, so that a link another organization sent a super administrator verifies nothing
 * unless they agree to exactly that.
 */
export function confirmationPage(input: {
  domains: string[];
  organizationName: string;
  signedInEmail: string;
  confirmation: string;
}): CallbackPage {
  const [requested = '', ...others] = input.domains;
  const which = others.length > 0 ? `${requested} and the other domains below` : requested;
  return {
    status: 200,
    title: 'Confirm the domain',
    heading: `Verify ${requested} for ${input.organizationName}?`,
    paragraphs: [
      `You signed in as ${input.signedInEmail}, a super administrator of this Google Workspace.`,
      `Verifying lets the Together organization ${input.organizationName} use the Google Calendars of people in ${which} for mentoring sessions: their free/busy times and the session events, through the Together app installed in your Workspace.`,
      `Only verify if ${input.organizationName} is your own company's Together account. If someone outside your company sent you this link, choose "Do not verify".`,
      ...(others.length > 0 ? ['These domains of your Workspace, which the organization lists, are verified too:'] : []),
    ],
    ...(others.length > 0 ? { list: others } : {}),
    closing: 'This question is open for 10 minutes.',
    form: {
      action: CONFIRM_ACTION,
      hidden: { confirmation: input.confirmation },
      buttons: [
        { name: 'decision', value: 'verify', label: `Verify for ${input.organizationName}` },
        { name: 'decision', value: 'decline', label: 'Do not verify' },
      ],
    },
  };
}

/** A confirmation that did not come from this server's page, or whose form is unknown or used: nothing changed. */
export function confirmationRejectedPage(reason: 'unknown_confirmation' | 'used_confirmation' | 'cross_site' | 'malformed'): CallbackPage {
  const texts = {
    unknown_confirmation: [
      'This confirmation is not recognised',
      'The page may have been copied only in part, or it belongs to another Together server.',
    ],
    used_confirmation: ['This confirmation has already been answered', 'Each confirmation page works once.'],
    cross_site: ['This confirmation did not come from Together', 'Only the page Together showed after your sign-in can confirm a domain.'],
    malformed: ['This confirmation is not complete', 'The answer reached Together in a form it cannot read.'],
  } as const;
  const [heading, text] = texts[reason];
  return {
    status: reason === 'cross_site' ? 403 : 400,
    title: 'Confirmation refused',
    heading,
    paragraphs: [text, 'Nothing was changed. To verify a domain, start a new verification in Together and sign in within 10 minutes.'],
  };
}

/** Sends a sign-in or connect result page: never cached, under the pages' own CSP. */
export function sendCallbackPage(res: Response, page: CallbackPage, options: { formRedirectOrigin?: string } = {}): void {
  res
    .status(page.status)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Content-Security-Policy', callbackPageCsp(options.formRedirectOrigin))
    .type('html')
    .send(renderCallbackPage(page));
}
