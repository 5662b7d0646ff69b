/** What the build injects (addon/build.ts): where the backend is and where users find help. */
export interface AddonSettings {
  /** Base URL of the Together backend, without a trailing slash, e.g. https://together.example.com. */
  readonly backendUrl: string;
  /** Page the Help action and every error card link to. */
  readonly helpUrl: string;
}
