/** The add-on preview's one entry: what the sandbox Calendar page mounts (README.md). */
export { startAddonPreview, type AddonPreviewHandle } from './router.js';
export type { RuntimeOptions as AddonPreviewOptions } from './runtime.js';
