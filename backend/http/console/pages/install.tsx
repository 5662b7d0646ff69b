import type { IntegrationMethod, WizardStep } from '../../../store/generated/prisma/client.js';
import { ActionForm, Button, Layout, ProblemBanner, Tag, Time, type PageContext } from '../components.js';
import { Stepper } from './setup-steps.js';

export interface InstallView {
  configured: boolean;
  marketplaceListingUrl?: string;
  clientId?: string;
  scopes?: string[];
  scopesCommaSeparated?: string;
  message?: string;
}

export interface DomainView {
  domain: string;
  verifiedAt: Date | null;
  verifiedBy: string | null;
}

/** A value to copy into Google's Admin console; the button appears once console.js runs (the text is selectable anyway). */
function Copyable({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div class="copyable">
      <code id={id} class="copyable-value">
        {value}
      </code>
      <button type="button" class="button button-secondary button-small" data-copy={id} hidden>
        Copy<span class="visually-hidden"> {label}</span>
      </button>
    </div>
  );
}

function Domains({ domains, ctx }: { domains: DomainView[]; ctx: PageContext }) {
  const unverified = domains.filter((row) => !row.verifiedAt);
  return (
    <section aria-labelledby="verify-heading">
      <h2 class="heading-m" id="verify-heading">
        Verify your Google Workspace
      </h2>
      <p>
        Together only works with domains that a super administrator of your Google Workspace has proved are yours. They sign in with Google
        once; every domain of the same Workspace is verified with it.
      </p>
      <div class="table-region" role="region" aria-labelledby="domains-caption" tabindex={0}>
        <table class="table">
          <caption id="domains-caption" class="visually-hidden">
            Your domains
          </caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Status</th>
              <th scope="col">Verified by</th>
            </tr>
          </thead>
          <tbody>
            {domains.map((row) => (
              <tr key={row.domain}>
                <th scope="row">{row.domain}</th>
                <td>
                  <Tag words={row.verifiedAt ? { text: 'Verified', colour: 'green' } : { text: 'Not verified', colour: 'grey' }} />
                </td>
                <td>
                  {row.verifiedAt ? (
                    <>
                      {row.verifiedBy ?? 'A super administrator'}, <Time at={row.verifiedAt} ctx={ctx} />
                    </>
                  ) : (
                    'Nobody yet'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unverified.length === 0 ? (
        <p>All your domains are verified.</p>
      ) : (
        unverified.map((row) => (
          <ActionForm action="/admin/setup/install/verify" key={row.domain}>
            <input type="hidden" name="domain" value={row.domain} />
            <Button kind="secondary">
              Sign in with Google as a super administrator<span class="visually-hidden"> to verify {row.domain}</span>
            </Button>
          </ActionForm>
        ))
      )}
    </section>
  );
}

export function InstallPage(props: {
  ctx: PageContext;
  wizardStep: WizardStep;
  method: IntegrationMethod;
  install: InstallView | null;
  domains: DomainView[];
  problem?: string | undefined;
}) {
  const install = props.install;
  const domainWide = props.method === 'DOMAIN_WIDE';
  return (
    <Layout ctx={props.ctx} title="Install the app and verify your domain – Set up Together Calendar">
      <a class="back-link" href="/admin/setup/method">
        Back
      </a>
      <Stepper wizardStep={props.wizardStep} here="INSTALL" />
      <ProblemBanner message={props.problem} />
      <span class="caption">Set up Together Calendar</span>
      <h1 class="heading-l">Install the app and verify your domain</h1>
      {!install?.configured ? (
        <p>{install?.message ?? 'Choose how Together connects first.'}</p>
      ) : (
        <>
          <div class="inset">
            <p>
              Only a <strong>super administrator</strong> of your Google Workspace can do this step. If that is not you, send them this
              page.
            </p>
          </div>
          <h2 class="heading-m">{domainWide ? 'Install Together in the Google Admin console' : 'How people connect'}</h2>
          <ol class="steps">
            {domainWide ? (
              <>
                <li>Sign in to the Google Admin console as a super administrator.</li>
                <li>
                  Open the{' '}
                  <a href={install.marketplaceListingUrl} target="_blank" rel="noopener">
                    Google Workspace app listing (opens in a new tab)
                  </a>{' '}
                  and select <strong>Admin install</strong>.
                </li>
                <li>
                  Choose who gets Together: <strong>Everyone at your organization</strong>, or{' '}
                  <strong>Certain groups or organizational units</strong> to limit it to the organizational units or groups that hold your
                  mentoring users. People outside them show as "App not installed" in the test.
                </li>
                <li>Accept the access Together asks for. It is exactly the access listed below.</li>
              </>
            ) : (
              <>
                <li>
                  There is no Marketplace install for everyone. Each person opens Together in the Google Calendar sidebar and chooses{' '}
                  <strong>Connect your Google Calendar</strong>. Google asks them to allow Together to use their calendar.
                </li>
                <li>
                  You can also send a person a connect link by email from the test results. The link works once, only for that person.
                </li>
                <li>
                  If your Google Workspace only lets trusted apps use Calendar, a super administrator marks Together as trusted (Admin
                  console › Security › API controls › Manage third-party app access) first. Otherwise people show as "Blocked by admin
                  policy" in the test.
                </li>
                <li>If a connection stops working, Together asks the person to reconnect in the sidebar.</li>
              </>
            )}
          </ol>
          <h3 class="heading-s">What Together is given</h3>
          <dl class="summary-list">
            <div class="summary-row">
              <dt class="summary-key">Client ID</dt>
              <dd class="summary-value">
                <Copyable id="client-id" label="client ID" value={install.clientId ?? ''} />
              </dd>
            </div>
            {(install.scopes ?? []).map((scope, index) => (
              <div class="summary-row" key={scope}>
                <dt class="summary-key">{index === 0 ? 'Scopes' : <span class="visually-hidden">Scope {index + 1}</span>}</dt>
                <dd class="summary-value">
                  <Copyable id={`scope-${index + 1}`} label={`scope ${index + 1}`} value={scope} />
                </dd>
              </div>
            ))}
            <div class="summary-row">
              <dt class="summary-key">All scopes, for the domain-wide delegation form</dt>
              <dd class="summary-value">
                <Copyable id="scopes-all" label="all scopes" value={install.scopesCommaSeparated ?? ''} />
              </dd>
            </div>
          </dl>
          <Domains domains={props.domains} ctx={props.ctx} />
          <h2 class="heading-m">When the app is installed</h2>
          <p>Continue to test the connection. We check every person in Together and tell you for whom it works.</p>
          <ActionForm action="/admin/setup/install">
            <Button once>Continue</Button>
          </ActionForm>
        </>
      )}
    </Layout>
  );
}
