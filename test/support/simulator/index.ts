// The simulated GitHub: start a server over a world, then point the tool at `sim.url`.
export { startSimulator } from './server.js';
export { DEFAULT_TOKEN, DEFAULT_VIEWER } from './graphql/state.js';
export type { Simulator, StartOptions } from './server.js';
export { World, GITHUB_WEB_FLOW, DEFAULT_APP_PERMISSIONS } from './world.js';
export type { Identity, TokenSpec, UserTokenSpec, InstallationTokenSpec } from './auth/identity.js';
export type { Permission, PermissionSet, RepoAccess } from './auth/permissions.js';
export type {
  AppSpec,
  SimApp,
  SimInstallation,
  CommitSpec,
  PullRequestSpec,
  PullState,
  SimComment,
  SimCommit,
  SimLabel,
  SimPerson,
  SimPullRequest,
  SimRepository,
  SimStatus,
  SimUser,
} from './world.js';
export type {
  Counters,
  Faults,
  GraphqlOutcome,
  RateBudget,
  RequestKind,
  RequestRecord,
  RestOutcome,
  RestRequest,
  SimulatorState,
} from './types.js';
export { ROUTES } from './rest/router.js';
