import { Layout, type PageContext } from '../components.js';

/**
 * A failure as a page (PAGES.md › Errors): a page that isn't there; something the admin can't do
 * here, in the API's words; or our service or Google's down: "try again later", no codes, no stack.
 */
export function ProblemPage(props: { ctx: PageContext; status: number; message?: string | undefined }) {
  const kind = props.status === 404 ? 'not-found' : props.status >= 500 ? 'service' : 'refused';
  const heading = {
    'not-found': 'Page not found',
    service: 'Sorry, there is a problem with the service',
    refused: 'This could not be done',
  }[kind];
  return (
    <Layout ctx={props.ctx} title={heading}>
      <h1 class="heading-l">{heading}</h1>
      {kind === 'not-found' && <p>If you typed the web address, check it is correct.</p>}
      {kind === 'service' && <p>Try again later. Your answers have been saved.</p>}
      {kind === 'refused' && props.message && <p>{props.message}</p>}
      <p>
        <a href="/admin/">Go to integrations</a>
      </p>
    </Layout>
  );
}
