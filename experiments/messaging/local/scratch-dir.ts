/**
 * Throwaway folders for local brokers (data, logs, config): created under the OS temp folder,
 * removed when the broker stops — and, for anything still there, when the process exits
 * (failure, Ctrl-C), so no run leaves a broker's data behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const live = new Set<string>();
const created: string[] = [];
let hooked = false;

function removeAllSync(): void {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** A new empty folder `<tmp>/<prefix>XXXXXX`, removed on process exit if still present. */
export function makeScratchDir(prefix: string): string {
  if (!hooked) {
    hooked = true;
    process.on('exit', removeAllSync);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  live.add(dir);
  created.push(dir);
  return dir;
}

/** Every scratch folder this process made, removed or not (for tests that look for leftover brokers). */
export function createdScratchDirs(): readonly string[] {
  return created;
}

/** Removes a scratch folder now. */
export function removeScratchDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Scratch folders not yet removed (for tests). */
export function liveScratchDirs(): string[] {
  return [...live];
}
