import type { IntegrationMethod, IntegrationStatus, WizardStep } from '../../../store/generated/prisma/client.js';
import { ActionForm, Button, Layout, ProblemBanner, SummaryList, Tag, Time, type PageContext } from '../components.js';
import { count, INTEGRATION_TAG } from '../words.js';
import { resumeHref, SETUP_TASKS, taskState } from './setup-steps.js';
import type { DomainView } from './install.js';

/** The integration as the API presents it (presentIntegration), and the run going on, if any. */
export interface IntegrationView {
  status: IntegrationStatus;
  wizardStep: WizardStep;
  ownerEmail: string | null;
  method: IntegrationMethod | null;
  lastTest: { testedAt: Date | null; summary: unknown } | null;
}

export interface LiveRun {
  checked: number;
  total: number;
}

export const METHOD_WORDS: Record<IntegrationMethod, string> = {
  DOMAIN_WIDE: 'Domain-wide',
  PER_USER: 'Each person connects their own calendar',
};

/** The last test's "N of M" (the summary the API keeps: {total, active}). */
export function lastTestCounts(view: IntegrationView): { active: number; total: number } | null {
  const summary = view.lastTest?.summary as { total?: unknown; active?: unknown } | null | undefined;
  if (typeof summary?.total !== 'number' || typeof summary.active !== 'number') return null;
  return { active: summary.active, total: summary.total };
}

function statusLine(view: IntegrationView, liveRun: LiveRun | null): string {
  if (liveRun) return `Test running: ${count(liveRun.checked)} of ${count(liveRun.total)} checked.`;
  const counts = lastTestCounts(view);
  switch (view.status) {
    case 'NOT_CONFIGURED':
      return 'Set up Together Calendar to book mentoring sessions in Google Calendar.';
    case 'CONFIGURING': {
      const done = SETUP_TASKS.filter((task) => taskState(view.wizardStep, task.step) === 'completed').length;
      return `${done} of ${SETUP_TASKS.length} tasks completed.`;
    }
    case 'ACTIVE':
    case 'FAILING':
      if (!counts) return view.status === 'ACTIVE' ? 'Active.' : 'Together has stopped working for some people.';
      return `Active for ${count(counts.active)} of ${count(counts.total)} people.${counts.total > counts.active ? ` ${count(counts.total - counts.active)} need a fix.` : ''}`;
  }
}

function GoogleCard(props: { ctx: PageContext; view: IntegrationView; domains: DomainView[]; liveRun: LiveRun | null }) {
  const { view, ctx } = props;
  const configured = view.status === 'ACTIVE' || view.status === 'FAILING';
  return (
    <section class="card" aria-labelledby="google-title">
      <header class="card-header">
        <h2 class="card-title" id="google-title">
          Google Workspace
        </h2>
        <Tag words={INTEGRATION_TAG[view.status]} />
      </header>
      <div class="card-body">
        <p class="card-status">{statusLine(view, props.liveRun)}</p>
        {view.status !== 'NOT_CONFIGURED' && (
          <SummaryList
            rows={[
              { key: 'Method', value: view.method ? METHOD_WORDS[view.method] : 'Not chosen yet' },
              { key: 'Domains', value: props.domains.map((row) => row.domain).join(', ') || 'None' },
              { key: 'Integration owner', value: view.ownerEmail ?? 'Not chosen yet' },
              {
                key: 'Last tested',
                value: view.lastTest?.testedAt ? <Time at={view.lastTest.testedAt} ctx={ctx} /> : 'Not tested yet',
              },
            ]}
          />
        )}
        <div class="button-group">
          {view.status === 'NOT_CONFIGURED' && (
            <a class="button button-primary" href="/admin/setup/calendar">
              Set Up<span class="visually-hidden"> Google Workspace</span>
            </a>
          )}
          {view.status === 'CONFIGURING' && (
            <a class="button button-primary" href={resumeHref(view.wizardStep)}>
              Continue setup
            </a>
          )}
          {configured && (
            <>
              <a class="button button-secondary" href="/admin/setup">
                Edit<span class="visually-hidden"> Google Workspace</span>
              </a>
              <ActionForm action="/admin/test">
                <Button kind="secondary" once>
                  Re-test<span class="visually-hidden"> Google Workspace</span>
                </Button>
              </ActionForm>
              <a href="/admin/test">See the last test</a>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

export function IntegrationsPage(props: {
  ctx: PageContext;
  view: IntegrationView;
  domains: DomainView[];
  liveRun: LiveRun | null;
  problem?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Integrations">
      <ProblemBanner message={props.problem} />
      <h1 class="heading-l">Integrations</h1>
      <p>Connect Together to your organization's calendars, so mentoring sessions land in them.</p>
      <GoogleCard ctx={props.ctx} view={props.view} domains={props.domains} liveRun={props.liveRun} />
      <section class="card card-unavailable" aria-labelledby="microsoft-title">
        <header class="card-header">
          <h2 class="card-title" id="microsoft-title">
            Microsoft 365
          </h2>
          <Tag words={{ text: 'Not available', colour: 'grey' }} />
        </header>
        <div class="card-body">
          <p class="card-status">Not available in this edition.</p>
        </div>
      </section>
    </Layout>
  );
}

/** Edit: the four tasks with what each holds now, each with a Change link. */
export function SetupHubPage(props: { ctx: PageContext; view: IntegrationView; domains: DomainView[] }) {
  const { view } = props;
  const done = SETUP_TASKS.filter((task) => taskState(view.wizardStep, task.step) === 'completed').length;
  return (
    <Layout ctx={props.ctx} title="Settings – Together Calendar">
      <a class="back-link" href="/admin/">
        Back
      </a>
      <h1 class="heading-l">Together Calendar settings</h1>
      <p>{view.wizardStep === 'DONE' ? 'The setup is complete.' : `You have completed ${done} of ${SETUP_TASKS.length} tasks.`}</p>
      <SummaryList
        rows={[
          { key: 'Calendar', value: 'Google Calendar', action: { href: '/admin/setup/calendar', label: 'Change' } },
          { key: 'Integration owner', value: view.ownerEmail ?? 'Not chosen yet', action: { href: '/admin/setup/owner', label: 'Change' } },
          {
            key: 'Method',
            value: view.method ? METHOD_WORDS[view.method] : 'Not chosen yet',
            ...(view.wizardStep !== 'VENDOR' && { action: { href: '/admin/setup/method', label: 'Change' } }),
          },
          {
            key: 'Install and domains',
            value: props.domains.map((row) => `${row.domain} (${row.verifiedAt ? 'verified' : 'not verified'})`).join(', ') || 'None',
            ...(view.method && { action: { href: '/admin/setup/install', label: 'Change' } }),
          },
        ]}
      />
    </Layout>
  );
}

export function DonePage(props: { ctx: PageContext; view: IntegrationView }) {
  const counts = lastTestCounts(props.view);
  return (
    <Layout ctx={props.ctx} title="Together Calendar is set up">
      <div class="panel-confirmation">
        <h1 class="heading-l">Together Calendar is set up</h1>
        {counts && (
          <p class="panel-body">
            Active for {count(counts.active)} of {count(counts.total)} people.
          </p>
        )}
      </div>
      <h2 class="heading-m">What happens next</h2>
      <p>
        Mentoring sessions booked in Together now land in Google Calendar. We keep testing the connection regularly. If it stops working we
        email {props.view.ownerEmail ?? 'the integration owner'}.
      </p>
      <ul class="list">
        {counts && counts.total > counts.active && (
          <li>
            <a href="/admin/test">People who need a fix</a>
          </li>
        )}
        <li>
          <a href="/admin/">Back to integrations</a>
        </li>
      </ul>
    </Layout>
  );
}
