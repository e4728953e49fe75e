/**
 * A full-stack spec's settings, typed and cross-checked: the layer toggles as a LayerChoice
 * and the combinations the flat schema cannot express (a preset whose layer is off) refused
 * with a ConfigError naming the key.
 */
import { ExperimentSpec } from '../../src/config/spec';
import { FullStackSettings } from './experiment';
import { LayerChoice } from './layers';
import { checkPreset } from './presets';

/** The layer toggles of settings. */
export function layerChoice(s: FullStackSettings): LayerChoice {
  return { gateway: s.gateway, mesh: s.mesh, database: s.database, messaging: s.messaging, cache: s.cache, observability: s.observability };
}

/** The settings of a full-stack spec, checked; throws when the spec is of another experiment or a preset lacks its layer. */
export function fullStackSettingsOf(spec: ExperimentSpec): FullStackSettings {
  if (spec.experiment.name !== 'full-stack') throw new Error(`full-stack: spec.experiment ${JSON.stringify(spec.experiment.name)} is not "full-stack"`);
  const s = spec.settings as unknown as FullStackSettings;
  checkPreset(s.preset, layerChoice(s));
  return s;
}
