import type { WizardStep } from '../../../store/generated/prisma/client.js';

/** The four tasks of the setup, each with the page that does it. */
export const SETUP_TASKS = [
  { step: 'VENDOR', title: 'Choose your calendar and its owner', href: '/admin/setup/calendar' },
  { step: 'METHOD', title: 'Choose how Together connects', href: '/admin/setup/method' },
  { step: 'INSTALL', title: 'Install the app and verify your domain', href: '/admin/setup/install' },
  { step: 'TEST', title: 'Test the connection', href: '/admin/test' },
] as const satisfies ReadonlyArray<{ step: WizardStep; title: string; href: string }>;

export type TaskState = 'completed' | 'current' | 'cannot-start';

const ORDER: readonly WizardStep[] = ['VENDOR', 'METHOD', 'INSTALL', 'TEST', 'DONE'];

/** A task is completed once the wizard is past it, current when the wizard is at it, else it cannot start yet. */
export function taskState(wizardStep: WizardStep, task: WizardStep): TaskState {
  const at = ORDER.indexOf(wizardStep);
  const index = ORDER.indexOf(task);
  return index < at ? 'completed' : index === at ? 'current' : 'cannot-start';
}

/** Where "Continue setup" goes: the page of the step the wizard is at. */
export function resumeHref(wizardStep: WizardStep): string {
  return SETUP_TASKS.find((task) => task.step === wizardStep)?.href ?? '/admin/';
}

/** The stepper above each setup page: where the admin is, what is done, what cannot start yet. */
export function Stepper({ wizardStep, here }: { wizardStep: WizardStep; here: WizardStep }) {
  return (
    <nav class="stepper" aria-label="Setup steps">
      <ol>
        {SETUP_TASKS.map((task, index) => {
          const state = taskState(wizardStep, task.step);
          const label = (
            <>
              <span class="stepper-number" aria-hidden="true">
                {state === 'completed' ? '✓' : index + 1}
              </span>
              <span class="stepper-title">{task.title}</span>
              <span class="visually-hidden">
                {state === 'completed' ? ' (completed)' : state === 'cannot-start' ? ' (cannot start yet)' : ''}
              </span>
            </>
          );
          const current = task.step === here;
          return (
            <li class={`stepper-step stepper-${state}${current ? ' stepper-here' : ''}`} key={task.step}>
              {state === 'cannot-start' ? (
                <span class="stepper-link">{label}</span>
              ) : (
                <a class="stepper-link" href={task.href} aria-current={current ? 'step' : undefined}>
                  {label}
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
