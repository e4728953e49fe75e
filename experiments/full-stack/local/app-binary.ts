/**
 * The full-stack app on the local target: where its Go module is, how it is built (once, into
 * .perflab/, outside the source tree) and the command that starts the built binary with the
 * environment that turns its layers on.
 */
import * as path from 'path';
import { CommandSpec, ToolchainSpec } from '../../runtime/variant-spec';

/** The app's Go module. */
export const APP_DIR = path.join(__dirname, '..', 'app');
/** Where the local build goes (.perflab/ is ignored by git). */
export const APP_BINARY = path.join(__dirname, '..', '..', '..', '.perflab', 'full-stack-app', 'server');

/** The Go toolchain the local target needs. */
export const GO_TOOLCHAIN: ToolchainSpec = {
  command: 'go',
  versionArgs: ['version'],
  installHint: 'Install Go 1.26 or newer (the app module says go 1.26): https://go.dev/dl/ — its modules come from the Go module proxy',
};

/** `go build` of the app into APP_BINARY. */
export const BUILD_APP: CommandSpec = { command: 'go', args: ['build', '-o', APP_BINARY, '.'], cwd: APP_DIR };

/** The command that starts the built app with `env` (PORT and HOST are added by the runner). */
export function appCommand(env: Readonly<Record<string, string>>): CommandSpec {
  return { command: APP_BINARY, args: [], cwd: APP_DIR, env: { ...env } };
}
