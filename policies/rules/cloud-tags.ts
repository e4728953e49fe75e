/**
 * Cloud resources carry the tags the cost report and the clean-up need: who owns it, which
 * experiment it belongs to, and which budget pays for it. Provider default tags count (AWS
 * provider `defaultTags`).
 */
import { joinAnd } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';
import { cloudViewOf } from './cloud-resources';

/** Settings of cloud-tags. */
export interface CloudTagSettings {
  /** Tag keys every cloud resource must carry with a non-empty value. */
  readonly required: readonly string[];
}

/** Each known cloud resource has the required tags. */
export const cloudTags: ResourceRule<CloudTagSettings> = {
  scope: 'resource',
  id: 'cloud-tags',
  description: 'Cloud resources (RDS, EC2, Azure database servers and VMs, directly or as Crossplane/ASO claims) carry owner, experiment and budget tags.',
  level: 'mandatory',
  mirrors: ['AWS Config managed rule required-tags', 'Azure Policy built-in "Require a tag on resources"', 'kube-linter required-label-owner (the same idea for Kubernetes objects)'],
  settingsSchema: { required: { type: 'array', items: { type: 'string' }, default: ['owner', 'experiment', 'budget'] } },
  defaults: { required: ['owner', 'experiment', 'budget'] },
  check(object, { settings }) {
    const view = cloudViewOf(object);
    if (!view) return [];
    const missing = settings.required.filter((k) => !view.tags[k]);
    if (missing.length === 0) return [];
    return [`${view.what} ${view.tagsField} is missing ${joinAnd(missing)} (required: ${settings.required.join(', ')})`];
  },
};
