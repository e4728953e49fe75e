/** The CPU profiles stored results reference, read from beside each result file. */
import { FoldedProfile } from '../profile/folded';
import { readStoredProfile } from './cpu-profile';
import { ResultsError, StoredResult } from './store';

/** Each recorded profile by result id; a referenced file that is missing or corrupt is a ResultsError naming it. */
export function loadStoredProfiles(entries: readonly StoredResult[]): Map<string, FoldedProfile> {
  const out = new Map<string, FoldedProfile>();
  const problems: string[] = [];
  for (const { file, result } of entries) {
    if (result.cpuProfile?.status !== 'recorded') continue;
    try {
      out.set(result.id, readStoredProfile(file, result.cpuProfile));
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length) throw new ResultsError(problems);
  return out;
}
