/**
 * The five runtime variants: how each app under experiments/runtime/apps/ is built and started
 * locally (always the built artefact, never `go run`/`cargo run`), and its cluster image.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RuntimeVariantName, RuntimeVariantSpec } from './variant-spec';

/** Tag of the runtime apps' images (bump when an app's behaviour changes). */
export const IMAGE_VERSION = '0.3.0';
const CONTAINER_PORT = 8080;

/** The repo's own bun (from the `bun` npm package) when installed, else `bun` on PATH. */
const localBun = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'bun');
const bun = fs.existsSync(localBun) ? localBun : 'bun';

const appDir = (name: RuntimeVariantName): string => path.join(__dirname, 'apps', name);
const image = (name: RuntimeVariantName): string => `perflab/runtime-${name}:${IMAGE_VERSION}`;

/** Every runtime variant by name: toolchain probe, build steps, start command and image. */
export const runtimeVariants: Readonly<Record<RuntimeVariantName, RuntimeVariantSpec>> = {
  go: {
    name: 'go',
    description: 'Go 1.22 net/http (standard library)',
    appDir: appDir('go'),
    toolchain: { command: 'go', versionArgs: ['version'], installHint: 'Install Go 1.22 or newer: apt-get install golang-go, or https://go.dev/dl/' },
    // The flags of the Dockerfile's build, so the local binary is the artefact the image adds.
    build: [{ command: 'go', args: ['build', '-trimpath', '-ldflags=-s -w', '-o', 'build/server', '.'], cwd: appDir('go'), env: { CGO_ENABLED: '0' } }],
    start: { command: path.join(appDir('go'), 'build', 'server'), args: [], cwd: appDir('go') },
    image: image('go'),
    artefact: { paths: ['build/server'], note: 'static binary built with the Dockerfile\'s flags by the local Go toolchain (the image builds with Go 1.22.12) onto distroless/static' },
    containerPort: CONTAINER_PORT,
    profiler: 'go-pprof',
  },
  rust: {
    name: 'rust',
    description: 'Rust Axum 0.8 on the multi-threaded Tokio runtime (release build)',
    appDir: appDir('rust'),
    toolchain: { command: 'cargo', versionArgs: ['--version'], installHint: 'Install Rust 1.85 or newer with cargo: rustup, or apt-get install cargo' },
    build: [{ command: 'cargo', args: ['build', '--release', '--locked'], cwd: appDir('rust') }],
    start: { command: path.join(appDir('rust'), 'target', 'release', 'runtime-rust'), args: [], cwd: appDir('rust') },
    image: image('rust'),
    artefact: { paths: ['target/release/runtime-rust'], note: 'release binary, as the Dockerfile copies it onto debian:12.11-slim' },
    containerPort: CONTAINER_PORT,
    profiler: 'perf',
  },
  dotnet: {
    name: 'dotnet',
    description: '.NET 8 ASP.NET Core minimal API (Kestrel, System.Text.Json)',
    appDir: appDir('dotnet'),
    toolchain: {
      command: 'dotnet',
      versionArgs: ['--version'],
      installHint:
        'Install the .NET 8 SDK: add the packages.microsoft.com apt repo, then apt-get install dotnet-sdk-8.0 ' +
        '(or use the dotnet-install script: dotnet-install.sh --channel 8.0)',
    },
    build: [
      {
        command: 'dotnet',
        args: ['publish', '-c', 'Release', '-o', 'build'],
        cwd: appDir('dotnet'),
        env: { DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
      },
    ],
    start: { command: 'dotnet', args: ['build/runtime-dotnet.dll'], cwd: appDir('dotnet'), env: { DOTNET_NOLOGO: '1' } },
    image: image('dotnet'),
    artefact: { paths: ['build'], note: 'framework-dependent publish folder, as the Dockerfile copies it onto dotnet/aspnet:8.0.11' },
    containerPort: CONTAINER_PORT,
    profiler: { none: 'no profiler is wired for .NET yet (dotnet-trace would be its native tool)' },
  },
  node: {
    name: 'node',
    description: 'Node.js 20 with Fastify 5',
    appDir: appDir('node'),
    toolchain: { command: 'node', versionArgs: ['--version'], installHint: 'Install Node.js 20 or newer (with npm)' },
    build: [{ command: 'npm', args: ['ci', '--omit=dev', '--no-audit', '--no-fund'], cwd: appDir('node') }],
    start: { command: 'node', args: ['server.js'], cwd: appDir('node'), env: { NODE_ENV: 'production' } },
    image: image('node'),
    artefact: { paths: ['node_modules', 'package.json', 'server.js'], note: 'production node_modules and the server, as the Dockerfile copies them onto node:20.20.2-bookworm-slim' },
    containerPort: CONTAINER_PORT,
    profiler: 'node-cpu-prof',
  },
  bun: {
    name: 'bun',
    description: 'Bun native Bun.serve (no dependencies)',
    appDir: appDir('bun'),
    toolchain: { command: bun, versionArgs: ['--version'], installHint: 'npm ci installs bun (the bun npm package)' },
    build: [],
    start: { command: bun, args: ['server.ts'], cwd: appDir('bun') },
    image: image('bun'),
    artefact: { paths: ['server.ts'], note: 'the server source; the image holds its `bun build` output instead, on oven/bun:1.4.5-slim' },
    containerPort: CONTAINER_PORT,
    profiler: 'bun-cpu-prof',
  },
};
