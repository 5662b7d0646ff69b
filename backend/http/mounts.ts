/** Where createApp mounts each API: the routers' paths are relative to these, and so is the OpenAPI document's view of them. */
export const MOUNTS = {
  /** The admin API. */
  admin: '/admin/v1',
  /** Inside the admin API: everything of one organization (the token's own). */
  organization: '/organizations/:organizationId',
  /** The add-on's user API. */
  user: '/addon/v1',
  /** Google's push notifications. */
  webhooks: '/webhooks',
} as const;
