/** The one-line format of a finding and the closing count, as `perflab check` prints them. */
import { Finding } from './types';

/** `[mandatory] image-pinned Deployment/api: container "api" image "nginx" has no tag ...` */
export function formatFinding(f: Finding): string {
  return `[${f.level}] ${f.ruleId} ${f.kind}/${f.name}: ${f.message}`;
}

/** `3 violations (2 mandatory, 1 advisory) in 14 objects`, or `no violations in 14 objects`. */
export function formatSummary(findings: readonly Finding[], objectCount: number): string {
  const objects = `${objectCount} object${objectCount === 1 ? '' : 's'}`;
  if (findings.length === 0) return `no violations in ${objects}`;
  const mandatory = findings.filter((f) => f.level === 'mandatory').length;
  const advisory = findings.length - mandatory;
  return `${findings.length} violation${findings.length === 1 ? '' : 's'} (${mandatory} mandatory, ${advisory} advisory) in ${objects}`;
}
