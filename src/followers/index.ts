export type { Follower, FollowerLogger, FollowerStatus } from './follower.js';
export { SILENT_LOGGER } from './follower.js';
export { FollowerRunner, type FollowerRunnerOptions } from './follower-runner.js';
export { Followers } from './followers.js';
