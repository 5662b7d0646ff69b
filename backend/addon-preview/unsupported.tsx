/** What the sandbox does not draw, said where it would be (RenderContext.notSupported gives the words and reports it). */
export function Unsupported({ what }: { what: string }) {
  return (
    <p class="unsupported" role="note">
      {what}
    </p>
  );
}
