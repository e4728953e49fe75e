/** Zod schemas for Kubernetes resource quantities and names, shared by every experiment's config. */
import { z } from 'zod';

/** A CPU quantity: cores (`1`, `0.5`) or millicores (`500m`). */
export const CpuQuantity = z.string().regex(/^(\d+(\.\d+)?|\d+m)$/, 'a CPU quantity such as 500m or 1');
/** A memory quantity with a binary or decimal suffix (`256Mi`, `1Gi`, `512M`). */
export const MemoryQuantity = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'a memory quantity such as 256Mi or 1Gi');
/** A DNS-1123 label (namespace and object names). */
export const Dns1123Label = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'lowercase letters, digits and -, starting and ending with a letter or digit');

/** CPU cores in a CPU quantity (`500m` → 0.5). */
export function cpuCores(q: string): number {
  return q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q);
}

const MEMORY_FACTORS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** Bytes in a memory quantity (`256Mi` → 268435456). */
export function memoryBytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) throw new Error(`not a memory quantity: ${JSON.stringify(q)}`);
  return Number(m[1]) * MEMORY_FACTORS[m[2] ?? ''];
}
