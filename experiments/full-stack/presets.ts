/**
 * The optimization presets (`perflab:preset`): each changes one thing of the full stack so a
 * stack with the preset compares against the same stack without it.
 * - `mesh-off-internal`: the app's calls to its backing services (database, broker, cache)
 *   bypass the mesh — the backing pods leave the mesh and the app's proxy skips their ports —
 *   while client → gateway → app stays meshed (mTLS where it crosses a trust boundary).
 * - `tuned-gateway-pools`: the gateway keeps more idle upstream connections per host and uses
 *   Traefik's FastProxy, so bursts do not open new connections to the app.
 * - `indexed-queries`: the catalogue read by SKU gets an index (without it, a sequential scan).
 */
import { ConfigError } from '../../src/config/errors';
import { LayerChoice, LayerKey } from './layers';

/** Values of `perflab:preset`. */
export const PRESETS = ['none', 'mesh-off-internal', 'tuned-gateway-pools', 'indexed-queries'] as const;
/** One preset. */
export type Preset = (typeof PRESETS)[number];

/** What each preset is and which layer it needs. */
export const presetNeeds: Readonly<Record<Exclude<Preset, 'none'>, { readonly layer: LayerKey; readonly description: string }>> = {
  'mesh-off-internal': { layer: 'mesh', description: 'app → database / broker / cache traffic bypasses the mesh' },
  'tuned-gateway-pools': { layer: 'gateway', description: 'gateway upstream pools: 1024 idle connections per host, FastProxy' },
  'indexed-queries': { layer: 'database', description: 'an index on items.sku (the catalogue read)' },
};

/** Idle upstream connections per host the gateway keeps with tuned-gateway-pools (Traefik's default is 200). */
export const TUNED_MAX_IDLE_CONNS_PER_HOST = 1024;

/** Throws a ConfigError when the preset needs a layer the composition does not have. */
export function checkPreset(preset: Preset, choice: LayerChoice): void {
  if (preset === 'none') return;
  const need = presetNeeds[preset];
  if (choice[need.layer] === 'none') {
    throw new ConfigError([`perflab:preset: "${preset}" (${need.description}) needs perflab:${need.layer} to be on; it is "none"`]);
  }
  if (preset === 'mesh-off-internal' && choice.mesh === 'cilium') {
    throw new ConfigError(['perflab:preset: "mesh-off-internal" needs a mesh whose proxies can be bypassed per port (istio, istio-ambient, linkerd); Cilium encrypts every node-to-node packet (WireGuard) whatever the port']);
  }
}
