/** A page's Content-Security-Policy: only this server's own assets; `extra` adds directives (form targets, frames). */
export function ownAssetsCsp(extra: { formAction?: string; frameSrc?: string } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action 'self'${extra.formAction ? ` ${extra.formAction}` : ''}`,
    ...(extra.frameSrc ? [`frame-src ${extra.frameSrc}`] : []),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}
