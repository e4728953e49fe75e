/** Turns `perflab:load` (a built-in name or a full profile) into a resolved, scaled profile. */
import { BUILTIN_PROFILE_NAMES, builtinProfile } from './builtin';
import { Endpoint, LoadProfile, ResolvedLoadProfile } from './profile';
import { ProfileScale, scaleProfile } from './scale';

/** A built-in profile by name; throws naming the allowed names when there is none. */
export function requireBuiltinProfile(name: string, key = 'perflab:load'): LoadProfile {
  const p = builtinProfile(name);
  if (!p) throw new Error(`${key}: ${JSON.stringify(name)} is not one of ${BUILTIN_PROFILE_NAMES.join(', ')}`);
  return p;
}

/** Fills in the request mix (the profile's own, else the experiment's default) and applies the scale. */
export function resolveProfile(profile: LoadProfile, defaultMix: readonly Endpoint[], scale: ProfileScale = {}): ResolvedLoadProfile {
  const withMix: ResolvedLoadProfile = { ...profile, requestMix: profile.requestMix ?? defaultMix.map((e) => ({ ...e })) };
  return scaleProfile(withMix, scale);
}
