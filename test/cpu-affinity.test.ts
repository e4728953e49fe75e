/** CPU placement: parsing and validating --cpus, the default split, and how commands are pinned. */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../src/config/errors';
import { availableCpus, defaultPlacement, describePlacement, formatCpuList, parseCpuList, parseCpusOption, pinnedCommand, workerCountEnv } from '../src/local/cpu-affinity';
import { driverFromOptions } from '../src/local/choose-driver';
import { scratchDir } from './helpers/scratch-dirs';

describe('CPU lists', () => {
  it('parses and formats ranges and single CPUs', () => {
    expect(parseCpuList('0-2,5')).toEqual([0, 1, 2, 5]);
    expect(parseCpuList('3,1,1')).toEqual([1, 3]);
    expect(formatCpuList([0, 1, 2, 5, 7, 8])).toBe('0-2,5,7-8');
    expect(() => parseCpuList('2-1')).toThrow('descending');
    expect(() => parseCpuList('a')).toThrow('"a" is not a CPU number');
  });

  it('reads the allowed CPUs from /proc/<pid>/status', () => {
    const file = path.join(scratchDir('perflab-cpus-'), 'status');
    fs.writeFileSync(file, 'Name:\tnode\nCpus_allowed:\tf\nCpus_allowed_list:\t0-3\n');
    expect(availableCpus(file)).toEqual([0, 1, 2, 3]);
  });
});

describe('placement', () => {
  it('puts the driver on the last CPU and the server on the rest; unpinned on one CPU', () => {
    expect(defaultPlacement([0, 1])).toEqual({ server: [0], driver: [1] });
    expect(defaultPlacement([0, 1, 2, 3])).toEqual({ server: [0, 1, 2], driver: [3] });
    expect(defaultPlacement([0])).toEqual({});
    expect(describePlacement({ server: [0, 1, 2], driver: [3] })).toBe('server cpus 0-2, driver cpus 3');
    expect(describePlacement({})).toBe('server unpinned, driver unpinned');
  });

  it('parses --cpus, where a bare number continues the list before it', () => {
    expect(parseCpusOption('server=0,driver=1', [0, 1])).toEqual({ server: [0], driver: [1] });
    expect(parseCpusOption('driver=3,server=0,1-2', [0, 1, 2, 3])).toEqual({ server: [0, 1, 2], driver: [3] });
    expect(parseCpusOption('off', [0, 1])).toEqual({});
  });

  it.each([
    ['server=0', 'driver has no CPUs'],
    ['server=0,driver=0', 'server and driver share CPU 0'],
    ['server=0,driver=7', 'driver CPU 7 is not available to this process'],
    ['server=0,client=1', '"client" is not a side (server or driver)'],
    ['0,driver=1', '"0" names no side'],
    ['server=0,server=1,driver=1', 'server is given twice'],
    ['server=x,driver=1', 'server: "x" is not a CPU number'],
  ])('rejects --cpus %s, naming the problem and what is allowed', (value, problem) => {
    let err: unknown;
    try {
      parseCpusOption(value, [0, 1]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`--cpus ${JSON.stringify(value)}: ${problem}`);
    expect((err as Error).message).toContain('expected "off" or server=<cpus>,driver=<cpus> with disjoint CPUs from 0-1, e.g. server=0,driver=1');
  });

  it('refuses --cpus with a driver that does not pin', () => {
    expect(() => driverFromOptions('autocannon', 'server=0,driver=1')).toThrow('--cpus "server=0,driver=1": pins the native driver only; --load-generator is "autocannon"');
  });
});

describe('pinned commands', () => {
  it('runs through taskset only when CPUs are given, and sizes worker pools', () => {
    expect(pinnedCommand('server', ['-x'], [0, 1])).toEqual({ command: 'taskset', args: ['-c', '0-1', 'server', '-x'] });
    expect(pinnedCommand('server', ['-x'])).toEqual({ command: 'server', args: ['-x'] });
    expect(workerCountEnv(1)).toEqual({ GOMAXPROCS: '1', TOKIO_WORKER_THREADS: '1', DOTNET_PROCESSOR_COUNT: '1' });
  });
});
