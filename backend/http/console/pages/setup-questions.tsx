import type { ComponentChildren } from 'preact';
import type { IntegrationMethod, WizardStep } from '../../../store/generated/prisma/client.js';
import { Button, ErrorSummary, Layout, ProblemBanner, Radios, TextField, type FieldError, type PageContext } from '../components.js';
import { Stepper } from './setup-steps.js';

const CAPTION = 'Set up Together Calendar';

/** What every question page gets: the wizard's position, errors to show, and a problem the API reported. */
export interface QuestionProps {
  ctx: PageContext;
  wizardStep: WizardStep;
  errors: FieldError[];
  problem?: string | undefined;
}

function QuestionPage(props: QuestionProps & { title: string; here: WizardStep; back: string; children: ComponentChildren }) {
  return (
    <Layout ctx={props.ctx} title={`${props.title} – ${CAPTION}`} error={props.errors.length > 0}>
      <a class="back-link" href={props.back}>
        Back
      </a>
      <Stepper wizardStep={props.wizardStep} here={props.here} />
      <ErrorSummary errors={props.errors} />
      <ProblemBanner message={props.problem} />
      {props.children}
    </Layout>
  );
}

export function CalendarPage(props: QuestionProps & { vendor: string | null }) {
  return (
    <QuestionPage {...props} title="Which calendar does your organization use?" here="VENDOR" back="/admin/">
      <form method="post" action="/admin/setup/calendar" novalidate>
        <span class="caption">{CAPTION}</span>
        <Radios
          name="vendor"
          legend="Which calendar does your organization use?"
          value={props.vendor}
          errors={props.errors}
          isPageHeading
          options={[
            { value: 'GOOGLE_CALENDAR', label: 'Google Calendar', hint: 'Part of Google Workspace.' },
            { value: 'MICROSOFT_365', label: 'Microsoft 365', hint: 'Not available in this edition.', disabled: true },
          ]}
        />
        <Button>Continue</Button>
      </form>
    </QuestionPage>
  );
}

export function OwnerPage(props: QuestionProps & { vendor: string; ownerEmail: string }) {
  return (
    <QuestionPage {...props} title="Who should we email if something goes wrong?" here="VENDOR" back="/admin/setup/calendar">
      <form method="post" action="/admin/setup/owner" novalidate>
        <input type="hidden" name="vendor" value={props.vendor} />
        <span class="caption">{CAPTION}</span>
        <h1 class="heading-l">Who should we email if something goes wrong?</h1>
        <p>
          This person is the integration owner. We email them when Together stops working for people in your organization, and again when it
          works again.
        </p>
        <TextField
          id="ownerEmail"
          label="Email address of the integration owner"
          value={props.ownerEmail}
          errors={props.errors}
          type="email"
          autocomplete="email"
          spellcheck={false}
          width="email"
        />
        <Button>Continue</Button>
      </form>
    </QuestionPage>
  );
}

export function MethodPage(props: QuestionProps & { method: IntegrationMethod | null }) {
  return (
    <QuestionPage {...props} title="How should Together connect to calendars?" here="METHOD" back="/admin/setup/owner">
      <form method="post" action="/admin/setup/method" novalidate>
        <span class="caption">{CAPTION}</span>
        <Radios
          name="method"
          legend="How should Together connect to calendars?"
          value={props.method}
          errors={props.errors}
          isPageHeading
          options={[
            {
              value: 'DOMAIN_WIDE',
              label: 'Domain-wide (recommended)',
              hint: (
                <>
                  A Google Workspace super administrator installs Together once, for everyone or for some groups.
                  <br />
                  Nobody else has to do anything, and no mentoring pair is left where only one person is connected.
                </>
              ),
            },
            {
              value: 'PER_USER',
              label: 'Each person connects their own calendar',
              hint: (
                <>
                  Each person signs in with Google and allows Together to use their calendar.
                  <br />
                  Until both people in a pair have done it, they can't see each other's free time.
                </>
              ),
            },
          ]}
        />
        <Button>Continue</Button>
      </form>
    </QuestionPage>
  );
}
