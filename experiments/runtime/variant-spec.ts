/**
 * How one runtime variant (one implementation of the runtime payload API) is built and started
 * on the local target, and which image it runs as on a cluster.
 */
import type { ProfilerKind } from '../../src/local/cpu-profilers/for-variant';

/** A command line: program, arguments, and the folder it runs in. */
export interface CommandSpec {
  /** Program to run (looked up on PATH unless absolute). */
  readonly command: string;
  /** Arguments, passed without a shell. */
  readonly args: readonly string[];
  /** Working directory (absolute). */
  readonly cwd: string;
  /** Extra environment variables. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/** The toolchain a variant needs on the local target. */
export interface ToolchainSpec {
  /** Program whose presence proves the toolchain is installed, e.g. `go`, `cargo`, `dotnet`. */
  readonly command: string;
  /** Arguments that print its version, e.g. `["version"]`. */
  readonly versionArgs: readonly string[];
  /** What to install when it is missing, e.g. `Install the .NET 8 SDK: apt-get install dotnet-sdk-8.0`. */
  readonly installHint: string;
}

/** Names of the runtime variants; one folder each under experiments/runtime/apps/. */
export const RUNTIME_VARIANTS = ['go', 'rust', 'dotnet', 'node', 'bun'] as const;
/** One runtime variant name. */
export type RuntimeVariantName = (typeof RUNTIME_VARIANTS)[number];

/** Everything the local target and the cluster side need to know about one runtime variant. */
export interface RuntimeVariantSpec {
  readonly name: RuntimeVariantName;
  /** One line for tables and docs, e.g. `Go 1.22 net/http (standard library)`. */
  readonly description: string;
  /** Absolute path of the app's folder. */
  readonly appDir: string;
  readonly toolchain: ToolchainSpec;
  /** Build steps, run in order before the first start (may be empty). */
  readonly build: readonly CommandSpec[];
  /** Starts the server; it reads PORT and HOST from the environment. */
  readonly start: CommandSpec;
  /** Default container image reference for clusters (built from the app's Dockerfile). */
  readonly image: string;
  /**
   * What the image adds beyond its pinned base, as the local build leaves it (paths relative to
   * appDir), and how it differs from what the Dockerfile copies, if at all.
   */
  readonly artefact: { readonly paths: readonly string[]; readonly note: string };
  /** Port the container listens on. */
  readonly containerPort: number;
  /** The profiler that samples this server's CPU with `--cpu-profile` (the tool native to its runtime). */
  readonly profiler: ProfilerKind;
}
