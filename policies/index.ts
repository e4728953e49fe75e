/**
 * The perflab CrossGuard policy pack: `pulumi preview --policy-pack policies` (with
 * `--policy-pack-config <file>` to change enforcement levels or settings). Building the pack
 * starts its gRPC server, so nothing else may import this file; the policies come from
 * policy-list.ts, which the tests use directly.
 */
import { PolicyPack } from '@pulumi/policy';
import { policies } from './policy-list';

new PolicyPack('perflab', {
  policies,
  description: 'perflab guardrails: fair, affordable and safe benchmark runs (resources, pinning, probes, pod security, labels, load-run hygiene, cloud sizing/tags/ephemerality, cost budget, secrets).',
});
