import { createHash } from 'node:crypto';
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
}

/** The page's only style; the CSP allows exactly this block, by its hash. */
const STYLE = [
  'body{margin:0;font:16px/1.5 Arial,sans-serif;color:#0b0c0c;background:#fff}',
  'main{max-width:40rem;margin:0 auto;padding:2rem 1rem}',
  'h1{font-size:2rem;line-height:1.25;margin:0 0 1.5rem}',
  '.caption{color:#505a5f;margin:0 0 .25rem}',
  '.skip{position:absolute;left:-9999px}.skip:focus{position:static;outline:3px solid #fd0;background:#fd0;color:#0b0c0c}',
].join('');

/**
 * No script, nothing external: only this document's own style block. Framing, forms and base URLs
 * are refused too.
 */
export const CALLBACK_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The HTML document of a page; every text is escaped. */
export function renderCallbackPage(page: CallbackPage): string {
  const paragraphs = page.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
  const list = page.list?.length ? `\n<ul>\n${page.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>` : '';
  const closing = page.closing ? `\n<p>${escapeHtml(page.closing)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)} – Verify your Google Workspace domain – Together</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<main id="main" tabindex="-1">
<p class="caption">Verify your Google Workspace domain</p>
<h1>${escapeHtml(page.heading)}</h1>
${paragraphs}${list}${closing}
</main>
</body>
</html>
`;
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
  expired: 400,
};

const FAILURE_HEADING: Partial<Record<VerificationFailureCode, (domain: string) => string>> = {
  access_denied: () => 'Sign-in cancelled',
  not_workspace_admin: () => 'You need a super administrator',
  not_workspace_account: () => 'Sign in with a Google Workspace account',
  wrong_workspace: (domain) => `This account is not part of ${domain}`,
  domain_unavailable: (domain) => `${domain} is not available`,
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
