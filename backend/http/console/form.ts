import type { Request } from 'express';
import { AppError } from '../../domain/errors.js';
import type { FieldError } from './components.js';
import { SETUP_TASKS } from './pages/setup-steps.js';
import { FIELD_MESSAGES } from './words.js';

/** The named fields of a posted form as strings (a repeated or missing field reads as empty). */
export function formValues<K extends string>(req: Request, names: readonly K[]): Record<K, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, typeof body[name] === 'string' ? body[name] : ''])) as Record<K, string>;
}

/**
 * The API's `invalid_request` field issues as the console's field errors, in PAGES.md's words: an
 * empty field is "missing", anything else "format". Undefined when the error is not about fields.
 */
export function fieldErrorsOf(error: unknown, values: Record<string, string>): FieldError[] | undefined {
  if (!(error instanceof AppError) || error.code !== 'invalid_request') return undefined;
  const issues = (error.details as { issues?: Array<{ field: string }> } | undefined)?.issues ?? [];
  const errors = issues.flatMap((issue): FieldError[] => {
    const messages = FIELD_MESSAGES[issue.field];
    if (!messages) return [];
    const message = values[issue.field]?.trim() ? (messages.format ?? messages.missing) : messages.missing;
    return message ? [{ field: issue.field, message }] : [];
  });
  return errors.length > 0 ? errors : undefined;
}

/** An API refusal the admin can act on, in plain words (the API's message where it already is plain). */
export function problemWords(error: AppError): string {
  if (error.code === 'invalid_wizard_transition') {
    const current = (error.details as { currentStep?: string } | undefined)?.currentStep;
    const task = SETUP_TASKS.find((entry) => entry.step === current);
    return `Finish the earlier steps first. Next: ${task?.title ?? 'the step the setup is at'}.`;
  }
  return error.message;
}
