/**
 * Cloud resources are sized within the lab's limits: an instance class on the allow-list (when
 * one is configured) and no more vCPUs than the maximum. One forgotten db.r6g.16xlarge costs
 * more in a day than the lab's cluster does in a month.
 */
import { globMatches } from '../../src/policy/allow-list';
import { ResourceRule } from '../../src/policy/types';
import { cloudViewOf, vcpusOf } from './cloud-resources';

/** Settings of cloud-size. */
export interface CloudSizeSettings {
  /** Instance classes / SKUs allowed (`*` wildcards); empty allows any size within maxVcpu. */
  readonly allowedSizes: readonly string[];
  /** Most vCPUs one resource may have. */
  readonly maxVcpu: number;
}

/** Each known cloud resource's size is allow-listed (if a list is set) and within maxVcpu. */
export const cloudSize: ResourceRule<CloudSizeSettings> = {
  scope: 'resource',
  id: 'cloud-size',
  description: 'Cloud resources use an allowed instance class / SKU and at most the configured vCPUs.',
  level: 'mandatory',
  mirrors: ['AWS Config managed rule desired-instance-type', 'Azure Policy built-in "Allowed virtual machine size SKUs"'],
  settingsSchema: {
    allowedSizes: { type: 'array', items: { type: 'string' }, default: [] },
    maxVcpu: { type: 'number', minimum: 1, default: 4 },
  },
  defaults: { allowedSizes: [], maxVcpu: 4 },
  check(object, { settings }) {
    const view = cloudViewOf(object);
    if (!view || !view.sizeField || view.size === undefined) return [];
    const listed = settings.allowedSizes.some((p) => globMatches(p, view.size!));
    if (settings.allowedSizes.length > 0 && !listed) {
      return [`${view.sizeField} ${view.size} is not an allowed size (allowed: ${settings.allowedSizes.join(', ')})`];
    }
    const vcpus = vcpusOf(view.size);
    if (vcpus === undefined) {
      return listed ? [] : [`cannot tell how many vCPUs ${view.sizeField} ${view.size} has; list it in allowedSizes to allow it`];
    }
    if (vcpus > settings.maxVcpu) return [`${view.sizeField} ${view.size} has ${vcpus} vCPUs, above the maximum of ${settings.maxVcpu}`];
    return [];
  },
};
