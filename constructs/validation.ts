/**
 * Construct-time validation of props: each check throws a PropError that names the construct,
 * the prop, the bad value and what is allowed, before any manifest is produced.
 */
import { cpuCores, memoryBytes } from '../src/config/quantities';

/** A construct prop with a value the construct cannot use. */
export class PropError extends Error {
  constructor(
    /** `RuntimeApi "api"` */
    readonly construct: string,
    /** Prop path, e.g. `resources.limits.cpu`. */
    readonly prop: string,
    readonly value: unknown,
    /** What is allowed, e.g. `a whole number from 1 to 100`. */
    readonly allowed: string,
  ) {
    super(`${construct}: ${prop}: ${show(value)} is not allowed; expected ${allowed}`);
    this.name = 'PropError';
  }
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Checks one construct's props; `where` is e.g. `K6Run "load"`. */
export class PropChecker {
  constructor(private readonly where: string) {}

  /** Throws a PropError for `prop`. */
  fail(prop: string, value: unknown, allowed: string): never {
    throw new PropError(this.where, prop, value, allowed);
  }

  /** A whole number in [min, max]. */
  int(prop: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(prop, value, max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`);
    }
    return value;
  }

  /** A finite number ≥ min. */
  number(prop: string, value: unknown, min: number): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) this.fail(prop, value, `a number ≥ ${min}`);
    return value;
  }

  /** One of `allowed`. */
  oneOf<T extends string>(prop: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) this.fail(prop, value, `one of ${allowed.join(', ')}`);
    return value as T;
  }

  /** A container image reference: non-empty, no whitespace, not `:latest`, not untagged. */
  image(prop: string, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) this.fail(prop, value, 'an image reference such as grafana/k6:1.3.0');
    const lastSegment = value.split('/').pop() as string;
    if (!value.includes('@') && (!lastSegment.includes(':') || lastSegment.endsWith(':latest'))) {
      this.fail(prop, value, 'an image pinned by tag or digest (not untagged, not :latest)');
    }
    return value;
  }

  /** A CPU quantity (`250m`, `1`, `1.5`). */
  cpu(prop: string, value: unknown): string {
    if (typeof value !== 'string' || !/^(\d+(\.\d+)?|\d+m)$/.test(value) || cpuCores(value) <= 0) this.fail(prop, value, 'a CPU quantity > 0 such as 500m or 1');
    return value;
  }

  /** A memory quantity (`256Mi`, `1Gi`, `512M`). */
  memory(prop: string, value: unknown): string {
    if (typeof value !== 'string' || !/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(value) || memoryBytes(value) <= 0) {
      this.fail(prop, value, 'a memory quantity > 0 such as 256Mi or 1Gi');
    }
    return value;
  }

  /** A non-empty map of label keys to label values. */
  labels(prop: string, value: unknown): Record<string, string> {
    const ok =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0 &&
      Object.entries(value).every(
        ([k, v]) => /^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k) && typeof v === 'string' && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v) && v.length <= 63,
      );
    if (!ok) this.fail(prop, value, 'a non-empty map of label keys to label values, e.g. {"kubernetes.io/hostname": "node-2"}');
    return value as Record<string, string>;
  }
}
