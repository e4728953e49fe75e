/** `perflab profiles [name]`: lists the built-in load profiles, or prints one as JSON. */
import { Command } from 'commander';
import { BUILTIN_PROFILE_NAMES, builtinProfile } from '../../load/builtin';
import { profileDurationSeconds, peakTarget } from '../../load/profile';
import { ConfigError } from '../../config/errors';
import { formatTable } from '../table';

/** Registers `profiles`. */
export function registerProfiles(program: Command, _setExitCode: (code: number) => void): void {
  program
    .command('profiles')
    .description('list the built-in load profiles, or print one as JSON')
    .argument('[name]', 'profile to print')
    .action((name?: string) => {
      if (name) {
        const profile = builtinProfile(name);
        if (!profile) throw new ConfigError([`profile: ${JSON.stringify(name)} is not one of ${BUILTIN_PROFILE_NAMES.join(', ')}`]);
        process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
        return;
      }
      const rows = BUILTIN_PROFILE_NAMES.map((n) => {
        const p = builtinProfile(n)!;
        return [n, p.model, String(peakTarget(p)), `${profileDurationSeconds(p)} s`, p.description];
      });
      process.stdout.write(`${formatTable(['profile', 'model', 'peak', 'length', 'description'], rows)}\n`);
    });
}
