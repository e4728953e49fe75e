/** `perflab plan`: resources, policy verdicts and the estimated cost of a stack, offline. */
import * as path from 'path';
import { formatPlan } from '../src/cli/commands/plan';
import { planStack } from '../src/plan/plan-stack';

const ROOT = path.join(__dirname, '..');

describe('perflab plan', () => {
  it('runtime-go: the objects it applies, no policy violation, and the cost of its requests', () => {
    const p = planStack('runtime-go', ROOT);
    expect(p.objects.map((o) => o.kind)).toEqual(['Namespace', 'Deployment', 'Service', 'ConfigMap', 'Job']);
    expect(p.policy.mandatory).toBe(0);
    // Deployment 500m + 256Mi and the k6 Job 500m + 256Mi (its defaults) at OpenCost's default prices:
    // cpu 1 core × $0.031611/h = $0.031611; memory 0.5 GiB × $0.004237/h = $0.0021185.
    expect(p.cost.breakdown.cpu).toBeCloseTo(0.031611, 6);
    expect(p.cost.breakdown.memory).toBeCloseTo(0.0021185, 6);
    // One run: baseline at timeScale 0.5 = 180 s of load + 5 s graceful stop → perHour × 185 / 3600.
    expect(p.profile.seconds).toBe(180);
    expect(p.perRun).toBeCloseTo((p.cost.perHour * 185) / 3600, 9);
    const text = formatPlan(p).join('\n');
    expect(text).toMatch(/^Deployment\s+runtime-go\s+perflab-runtime-go\s+1\s+0\.50\s+0\.25\s+\$0\.0169$/m);
    expect(text).toContain('policy: no violations in 5 objects');
    expect(text).toMatch(/estimated cost \(opencost-default, prices of \d{4}-\d{2}-\d{2}\): \$0\.0337\/hour/);
  });

  it('cost-opencost: lists the cost tool Pulumi installs beside the manifests', () => {
    const p = planStack('cost-opencost', ROOT);
    expect(p.pulumiOnly).toEqual(['Helm release opencost in namespace opencost (not estimated: chart defaults)']);
    expect(formatPlan(p).join('\n')).toContain('+ Helm release opencost in namespace opencost');
  });

  it('mesh-istio prices the control plane and the sidecars as estimates; mesh-baseline has none', () => {
    const base = planStack('mesh-baseline', ROOT);
    const istio = planStack('mesh-istio', ROOT);
    expect(base.estimated).toEqual([]);
    expect(istio.cost.perHour).toBeGreaterThan(base.cost.perHour);
    const text = formatPlan(istio).join('\n');
    expect(text).toMatch(/^Deployment \(estimate\)\s+istiod\s+istio-system\s+1\s+0\.50\s+2\.00/m);
    expect(text).toMatch(/^Deployment \(estimate\)\s+istio-proxy-sidecars\s+workload pods\s+10\s+0\.20/m);
    expect(text).toMatch(/\+ istiod \(Deployment, one replica\): 500m CPU, 2048Mi \(estimate: chart default requests/);
    // The estimate is exactly what the estimated pods add (10 × 20m + istiod 500m + istio-cni 100m).
    expect(istio.cost.totals.cpuCores - base.cost.totals.cpuCores).toBeCloseTo(0.8, 9);
    expect(planStack('mesh-cilium', ROOT).pulumiOnly.join('\n')).toMatch(/cilium .*the chart sets no requests, so nothing is priced/);
  });

  it('reports a policy violation with the rule’s message', () => {
    // A budget of 1 cent an hour: the stack's $0.0337/hour breaks the cost-budget rule.
    const p = planStack('runtime-go', ROOT, { policyConfig: { 'cost-budget': { maxHourlyUsd: 0.01 } } });
    expect(p.policy.mandatory).toBe(1);
    const text = formatPlan(p).join('\n');
    expect(text).toMatch(/^  \[mandatory\] cost-budget .*estimated cost \$0\.0337.* exceeds the budget of \$0\.01/m);
  });

  it('refuses an unknown pricing model, naming the allowed ones', () => {
    expect(() => planStack('runtime-go', ROOT, { pricing: 'aws-list' })).toThrow(/unknown pricing "aws-list"; allowed: opencost-default/);
  });

  it('refuses a stack that does not exist', () => {
    expect(() => planStack('nope', ROOT)).toThrow(/no such stack file/);
  });
});
