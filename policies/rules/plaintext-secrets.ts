/**
 * No credential in plain text in the manifests. Precisely:
 * - a container env var whose name looks secret (secret-patterns.ts) has a literal `value`
 *   (use `valueFrom.secretKeyRef`), or any env value is a PEM private key;
 * - a ConfigMap has a `data` / `binaryData` key whose name looks secret, or a value that is a
 *   PEM private key (ConfigMaps are neither encrypted at rest nor access-restricted like Secrets);
 * - a Secret carries literal `data` / `stringData` values in a field the deployment does not
 *   encrypt. Through Pulumi, a Kubernetes Secret's data and stringData are secret outputs
 *   (encrypted in the state), so it passes; in a synthesized manifest nothing encrypts them, so
 *   values there fail — create such Secrets in the Pulumi program from `pulumi config set --secret`.
 */
import { containersOf, isKind, podViewOf } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';
import { SECRET_NAME_SCHEMA, SecretNameSettings, DEFAULT_SECRET_NAME_PATTERN, isNonEmptyLiteral, isPrivateKey, isSecretName } from './secret-patterns';

function objectEntries(v: unknown): Array<[string, unknown]> {
  return v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v as Record<string, unknown>) : [];
}

/** No literal credentials in env vars, ConfigMaps, or unencrypted Secret data. */
export const plaintextSecrets: ResourceRule<SecretNameSettings> = {
  scope: 'resource',
  id: 'no-plaintext-secrets',
  description: 'No credential literals in container env, ConfigMaps, or Secret data the deployment does not encrypt.',
  level: 'mandatory',
  mirrors: [
    'kube-linter env-var-secret',
    'Polaris sensitiveContainerEnvVar',
    'Checkov secrets scanning (CKV_SECRET_*)',
    'CIS Kubernetes Benchmark 5.4.1 (prefer secrets as files / references)',
  ],
  settingsSchema: SECRET_NAME_SCHEMA,
  defaults: { namePattern: DEFAULT_SECRET_NAME_PATTERN },
  check(object, { settings, encryptedFields }) {
    const out: string[] = [];
    const pod = podViewOf(object);
    if (pod) {
      for (const { container, label } of containersOf(pod.spec)) {
        for (const e of container.env ?? []) {
          if (!e || typeof e.name !== 'string') continue;
          if (isPrivateKey(e.value)) out.push(`${label} env ${e.name} holds a private key in plain text; mount it from a Secret`);
          else if (isSecretName(e.name, settings) && isNonEmptyLiteral(e.value)) {
            out.push(`${label} env ${e.name} has a literal value; take it from a Secret (valueFrom.secretKeyRef)`);
          }
        }
      }
    }
    if (isKind(object, '', 'ConfigMap')) {
      for (const field of ['data', 'binaryData']) {
        for (const [key, value] of objectEntries(object[field])) {
          if (isSecretName(key, settings)) out.push(`${field} key ${key} looks like a credential; ConfigMaps are not encrypted or access-restricted, put it in a Secret`);
          else if (isPrivateKey(value)) out.push(`${field} key ${key} holds a private key; put it in a Secret`);
        }
      }
    }
    if (isKind(object, '', 'Secret')) {
      for (const field of ['data', 'stringData']) {
        if (encryptedFields.includes(field)) continue;
        const keys = objectEntries(object[field]).filter(([, v]) => isNonEmptyLiteral(v)).map(([k]) => k);
        if (keys.length) {
          out.push(`${field} holds literal values (${keys.join(', ')}) that nothing encrypts; create the Secret in the Pulumi program from a secret config value (pulumi config set --secret)`);
        }
      }
    }
    return out;
  },
};
