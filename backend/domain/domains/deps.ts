import type { WorkspaceSignIn } from '../../google/workspace-sign-in.js';
import type { DomainDeps } from '../deps.js';

/** Google's "Sign in with Google" as domain verification uses it; WorkspaceSignIn in production and over the emulator. */
export type WorkspaceSignInGateway = Pick<WorkspaceSignIn, 'authorizationRequest' | 'completeSignIn'>;

/** What domain verification needs beyond the database and the clock. */
export interface DomainVerificationDeps extends DomainDeps {
  signIn: WorkspaceSignInGateway;
}
