/**
 * The local resource sampler on a real busy process: CPU time comes from the smallest and
 * largest procfs readings, so samples that resolve out of order never give 0 CPU.
 */
import { spawn } from 'child_process';
import { startResourceSampler } from '../src/local/resource-sampler';

describe('startResourceSampler', () => {
  it('measures the CPU and memory of a process that spins', async () => {
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 5000; while (Date.now() < end) {}'], { stdio: 'ignore' });
    try {
      const sampler = startResourceSampler(child.pid!, 'spinner', 20);
      await new Promise((r) => setTimeout(r, 800));
      const usage = await sampler.stop();
      expect(usage.component).toBe('spinner');
      expect(usage.samples).toBeGreaterThan(1);
      expect(usage.cpuCoreSeconds).toBeGreaterThan(0);
      expect(usage.cpuCoresAvg).toBeGreaterThan(0);
      expect(usage.cpuCoresAvg).toBeLessThanOrEqual(1.2);
      expect(usage.memoryPeakBytes).toBeGreaterThan(1024 * 1024);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
