/**
 * Images are pinned by a version tag or a digest. A mutable tag (`latest`) or no tag (which
 * means `latest`) lets two runs of the "same" variant measure different code.
 */
import { containersOf, isK6TestRun, podViewOf } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';

/** Settings of image-pinned. */
export interface ImagePinnedSettings {
  /** Tags that move and so pin nothing. */
  readonly mutableTags: readonly string[];
}

/** An image reference split into its name, tag and digest. */
export interface ImageRef {
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Splits `registry:5000/repo/name:tag@sha256:...` (the tag is after the last `:` that follows the last `/`). */
export function parseImageRef(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

/** Every container image has a digest, or a tag that is not mutable. */
export const imagePinned: ResourceRule<ImagePinnedSettings> = {
  scope: 'resource',
  id: 'image-pinned',
  description: 'Every container image is pinned by a version tag or a digest (never latest, never untagged).',
  level: 'mandatory',
  mirrors: [
    'kube-linter latest-tag',
    'Polaris tagNotSpecified',
    'Kyverno best-practices disallow-latest-tag',
    'Checkov CKV_K8S_14 (image tag is fixed), CKV_K8S_43 (image uses a digest)',
  ],
  settingsSchema: {
    mutableTags: { type: 'array', items: { type: 'string' }, description: 'Tags that do not pin a version.', default: ['latest'] },
  },
  defaults: { mutableTags: ['latest'] },
  check(object, { settings }) {
    const pod = podViewOf(object);
    if (!pod) return [];
    const runner = (object.spec as { runner?: { image?: unknown } } | undefined)?.runner;
    if (isK6TestRun(object) && typeof runner?.image !== 'string') {
      return ['spec.runner.image is not set, so the k6-operator runs its default grafana/k6:latest; pin the runner image'];
    }
    const out: string[] = [];
    for (const { container, label } of containersOf(pod.spec)) {
      const image = container.image;
      if (typeof image !== 'string' || image.trim() === '') {
        out.push(`${label} has no image`);
        continue;
      }
      const ref = parseImageRef(image);
      if (ref.digest) continue;
      if (ref.tag === undefined || ref.tag === '') out.push(`${label} image "${image}" has no tag (it means latest); pin a version tag or a digest`);
      else if (settings.mutableTags.includes(ref.tag)) out.push(`${label} image "${image}" uses the mutable tag "${ref.tag}"; pin a version tag or a digest`);
    }
    return out;
  },
};
