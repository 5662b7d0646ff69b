import { Button, ErrorSummary, Layout, type FieldError, type PageContext } from '../components.js';

/** What each sign-in outcome (the `error` the sign-in routes redirect with) tells the admin. */
const FIELD_PROBLEMS: Record<string, string> = {
  token_missing: 'Enter your admin API token',
  token_not_accepted:
    'Enter a token that is still valid. This one is wrong or has been revoked: ask your Together administrator for a new one',
};

const NOTICES: Record<string, string> = {
  signed_out: 'You have signed out.',
  session_expired: 'You were signed out because you were away for a while. Sign in again to carry on.',
  link_used_or_expired: 'That sign-in link has already been used or has expired. Sign in with your admin API token instead.',
};

export function SignInPage(props: { ctx: PageContext; outcome: string | undefined; next: string | undefined; sandbox: boolean }) {
  const problem = props.outcome ? FIELD_PROBLEMS[props.outcome] : undefined;
  const errors: FieldError[] = problem ? [{ field: 'token', message: problem }] : [];
  const notice = props.outcome ? NOTICES[props.outcome] : undefined;
  return (
    <Layout ctx={props.ctx} title="Sign in" error={errors.length > 0}>
      <ErrorSummary errors={errors} />
      {notice && (
        <div class="notification" role="status">
          <p>{notice}</p>
        </div>
      )}
      <h1 class="heading-l">Sign in to Together</h1>
      <form method="post" action="/admin/sign-in" novalidate>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <div class={`field${problem ? ' field-error' : ''}`}>
          <label class="label" for="token">
            Admin API token
          </label>
          <p class="hint" id="token-hint">
            It starts with tgc_. Your Together administrator gives it to you.
            {props.sandbox && ' In the sandbox it is in the file data/sandbox-admin-token.'}
          </p>
          {problem && (
            <p class="error-message" id="token-error">
              <span class="visually-hidden">Error:</span> {problem}
            </p>
          )}
          <input
            class="input input-email"
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            spellcheck={false}
            aria-describedby={problem ? 'token-hint token-error' : 'token-hint'}
          />
        </div>
        <Button>Sign in</Button>
      </form>
    </Layout>
  );
}
