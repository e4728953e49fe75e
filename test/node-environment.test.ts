/** The environment fingerprint of cluster runs (src/cluster/node-environment.ts). */
import { KWOK_NODE_ANNOTATION, SIMULATED_NODE_NOTE, clusterEnvironment } from '../src/cluster/node-environment';
import { k3sNode } from './fixtures/cluster/fake-cluster';

describe('clusterEnvironment', () => {
  it('fingerprints a real k3s node without calling it simulated', () => {
    const notes: string[] = [];
    const env = clusterEnvironment('k3s', [k3sNode()], 'lab-1', { k6: '1.3.0' }, notes);
    expect(env.nodeType).toBe('k3s');
    expect(env.cni).toBe('flannel');
    expect(notes).not.toContain(SIMULATED_NODE_NOTE);
  });

  it('says when the run\'s node is simulated by kwok, in the node type and a note', () => {
    const base = k3sNode();
    const kwok = { ...base, name: 'kwok-node-0', annotations: { ...base.annotations, [KWOK_NODE_ANNOTATION]: 'fake' } };
    const notes: string[] = [];
    const env = clusterEnvironment('k3s', [base, kwok], 'kwok-node-0', { k6: '1.3.0' }, notes);
    expect(env.nodeType).toBe('kwok (simulated)');
    expect(notes).toContain(SIMULATED_NODE_NOTE);
    expect(SIMULATED_NODE_NOTE).toMatch(/never performance/);
  });
});
