import type { AccessStatus, WizardStep } from '../../../store/generated/prisma/client.js';
import { ActionForm, Button, formatTime, Layout, ProblemBanner, type PageContext } from '../components.js';
import { count, headline } from '../words.js';
import { PAGE_SIZE, PeopleTable, ReasonSummary, type PeopleFilters, type PersonResult } from './people-table.js';
import { Stepper } from './setup-steps.js';

/** A run as the API presents it (presentTestRun). */
export interface TestRunView {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  progress: { checked: number; total: number; percent: number };
  active: number;
  counts: Partial<Record<AccessStatus, number>> | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface TestPageProps {
  ctx: PageContext;
  organizationId: string;
  wizardStep: WizardStep;
  run: TestRunView | null;
  results?: { rows: PersonResult[]; total: number; filters: PeopleFilters; now?: Map<string, AccessStatus> | undefined };
  problem?: string | undefined;
  /** The per-user method: each person not working gets a "Send a connect link" button. */
  connectLinks?: boolean;
}

const live = (run: TestRunView) => run.status === 'QUEUED' || run.status === 'RUNNING';

/** "Checked 1,240 of 3,000 people"; console.js writes the same as it polls. */
export const progressText = (run: TestRunView) =>
  run.progress.total === 0 && run.status === 'QUEUED'
    ? 'Starting the test'
    : `Checked ${count(run.progress.checked)} of ${count(run.progress.total)} people`;

function Progress({ run, organizationId }: { run: TestRunView; organizationId: string }) {
  return (
    <section
      class="progress-panel"
      data-test-run={`/admin/v1/organizations/${organizationId}/integration/test-runs/${run.id}`}
      aria-labelledby="progress-label"
    >
      <label class="label" id="progress-label" for="test-progress">
        Progress
      </label>
      <progress id="test-progress" max={Math.max(run.progress.total, 1)} value={run.progress.checked}>
        {run.progress.percent}%
      </progress>
      <p role="status" class="status-line" id="test-status">
        {progressText(run)}
      </p>
      <p>You can leave this page. The test keeps running.</p>
      <div class="button-group">
        <a class="button button-secondary" href="/admin/test" data-check-progress="">
          Check progress
        </a>
        <ActionForm action="/admin/test/cancel">
          <input type="hidden" name="run" value={run.id} />
          <Button kind="warning">Cancel the test</Button>
        </ActionForm>
      </div>
    </section>
  );
}

function Finish({ run, wizardStep }: { run: TestRunView; wizardStep: WizardStep }) {
  if (wizardStep !== 'TEST') {
    return (
      <ActionForm action="/admin/test">
        <Button once>Run the test again</Button>
      </ActionForm>
    );
  }
  if (run.active === 0) {
    return (
      <div class="warning-text">
        <p>
          <strong>You can't finish the setup yet: Together would work for nobody.</strong> Fix what the table below says, then run the test
          again.
        </p>
        <ActionForm action="/admin/test">
          <Button once>Run the test again</Button>
        </ActionForm>
      </div>
    );
  }
  return (
    <>
      <p>
        Finish the setup to start using Together Calendar. We then keep testing it regularly and email the integration owner if it stops
        working.
      </p>
      <div class="button-group">
        <ActionForm action="/admin/setup/finish">
          <Button once>Done</Button>
        </ActionForm>
        <ActionForm action="/admin/test">
          <Button kind="secondary" once>
            Run the test again
          </Button>
        </ActionForm>
      </div>
    </>
  );
}

export function TestPage(props: TestPageProps) {
  const { run, ctx } = props;
  const title = !run ? 'Test the connection' : live(run) ? 'Testing Together Calendar' : 'Test results';
  const pages = props.results ? Math.max(1, Math.ceil(props.results.total / PAGE_SIZE)) : 1;
  const pageNote = pages > 1 ? ` (page ${props.results!.filters.page} of ${pages})` : '';
  return (
    <Layout ctx={ctx} title={`${title}${pageNote}${props.wizardStep === 'DONE' ? '' : ' – Set up Together Calendar'}`}>
      {props.wizardStep !== 'DONE' && (
        <>
          <a class="back-link" href="/admin/setup/install">
            Back
          </a>
          <Stepper wizardStep={props.wizardStep} here="TEST" />
        </>
      )}
      <ProblemBanner message={props.problem} />
      {props.wizardStep !== 'DONE' && <span class="caption">Set up Together Calendar</span>}
      <h1 class="heading-l">{title}</h1>
      {!run && (
        <>
          <p>The test checks every person in Together: can Together read their calendar? It takes about a minute for 1,000 people.</p>
          <ActionForm action="/admin/test">
            <Button once>Run the test</Button>
          </ActionForm>
        </>
      )}
      {run && live(run) && <Progress run={run} organizationId={props.organizationId} />}
      {run?.status === 'FAILED' && (
        <>
          <p>The test could not finish. {run.error}</p>
          <ActionForm action="/admin/test">
            <Button once>Run the test again</Button>
          </ActionForm>
        </>
      )}
      {run?.status === 'CANCELLED' && (
        <>
          <p>The test was cancelled before it checked everyone.</p>
          <ActionForm action="/admin/test">
            <Button once>Run the test again</Button>
          </ActionForm>
        </>
      )}
      {run?.status === 'COMPLETED' && (
        <>
          <p class="lead" id="test-headline">
            {headline(run.active, run.progress.total)}
          </p>
          <Finish run={run} wizardStep={props.wizardStep} />
          <ReasonSummary counts={run.counts ?? {}} base={`/admin/test?run=${run.id}`} />
          {props.results && (
            <PeopleTable
              ctx={ctx}
              base={`/admin/test?run=${run.id}`}
              filters={props.results.filters}
              rows={props.results.rows}
              total={props.results.total}
              connectLinks={props.connectLinks ?? false}
              now={props.results.now}
              caption={`Test results, ${formatTime(run.finishedAt ?? run.createdAt, ctx.timeZone)}`}
            />
          )}
        </>
      )}
    </Layout>
  );
}
