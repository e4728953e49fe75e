/**
 * The k6 load driver for the local target: when a real k6 binary is installed, the profile's
 * generated k6 script runs against the local server and its end-of-test summary becomes the
 * run's figures. k6's summary carries percentiles but no histogram, so such results cannot be
 * merged later; the embedded driver's can.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileK6Script } from '../load/k6-script';
import { parseK6Summary } from '../results/k6-summary';
import { LoadDriver } from './measured-load';
import { spawnGroup } from './process-group';

/** How to install k6 when it is asked for and missing. */
export const K6_INSTALL_HINT = 'install k6 from https://grafana.com/docs/k6/latest/set-up/install-k6/ (a single binary on PATH)';

/** `k6 version`'s first line, or undefined when no k6 binary answers. */
export function k6Version(binary = 'k6'): string | undefined {
  const r = spawnSync(binary, ['version'], { encoding: 'utf8', timeout: 10000 });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.trim().split('\n')[0];
}

/** Thresholds perflab adds only so that k6 reports per-endpoint sub-metrics. */
function isBookkeepingThreshold(metric: string, condition: string): boolean {
  const c = condition.replace(/\s/g, '');
  return metric.includes('{endpoint:') && (c === 'max>=0' || c === 'rate>=0');
}

/** A driver running `binary run` on the generated script; `version` as printed by `k6 version`. */
export function k6Driver(binary: string, version: string): LoadDriver {
  return {
    info: { name: 'k6', version },
    drive(baseUrl, profile, onProgress, signal) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-k6-'));
      const summaryPath = path.join(dir, 'summary.json');
      const scriptPath = path.join(dir, 'script.js');
      fs.writeFileSync(scriptPath, compileK6Script(profile, { baseUrl, summaryPath }));
      const startedAt = new Date();
      const t0 = Date.now();
      return new Promise((resolve, reject) => {
        const child = spawnGroup(binary, ['run', '--no-color', '--quiet', scriptPath], {
          env: { ...process.env, BASE_URL: baseUrl },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        const stderr: string[] = [];
        child.stderr?.on('data', (c: Buffer) => {
          stderr.push(c.toString());
          if (stderr.length > 200) stderr.splice(0, stderr.length - 200);
        });
        const total = profile.stages.reduce((s, x) => s + x.durationSeconds, 0);
        const ticker = setInterval(
          () => onProgress({ elapsedSeconds: (Date.now() - t0) / 1000, totalSeconds: total, segment: 1, segments: 1, requests: 0, errors: 0 }),
          1000,
        );
        // k6 stops gracefully on SIGINT and still writes its summary.
        const onAbort = (): void => void child.kill('SIGINT');
        signal?.addEventListener('abort', onAbort, { once: true });
        const finish = (err?: Error): void => {
          clearInterval(ticker);
          signal?.removeEventListener('abort', onAbort);
          fs.rmSync(dir, { recursive: true, force: true });
          if (err) reject(err);
        };
        child.on('error', (err) => finish(new Error(`k6: cannot run ${binary}: ${err.message}; ${K6_INSTALL_HINT}`)));
        child.on('exit', (code) => {
          // 0: passed; 99: thresholds failed (the summary is still complete).
          if ((code !== 0 && code !== 99) || !fs.existsSync(summaryPath)) {
            const tail = stderr.join('').split('\n').slice(-20).join('\n');
            return finish(new Error(`k6 run failed (exit ${code}) and left no summary:\n${tail}`));
          }
          try {
            const figures = parseK6Summary(JSON.parse(fs.readFileSync(summaryPath, 'utf8')), summaryPath);
            const aborted = signal?.aborted ?? false;
            finish();
            resolve({
              startedAt,
              finishedAt: new Date(),
              durationSeconds: figures.durationSeconds,
              latency: figures.latency,
              throughput: figures.throughput,
              errors: figures.errors,
              endpoints: figures.endpoints,
              thresholds: figures.thresholds.filter((t) => !isBookkeepingThreshold(t.metric, t.condition)),
              aborted,
            });
          } catch (err) {
            finish(err as Error);
          }
        });
      });
    },
  };
}
