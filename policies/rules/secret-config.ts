/**
 * No credential in plain text in the stack's config or outputs. Precisely:
 * - config: a key of `Pulumi.<stack>.yaml` (or a nested key of an object value) whose name looks
 *   secret (secret-patterns.ts) holds a non-empty value that is not `{ secure: ... }`, i.e. it
 *   was set without `--secret` and sits in the file in plain text;
 * - outputs: a stack output whose name looks secret has a non-empty value. A policy cannot see
 *   whether an output is marked secret, and the lab's outputs are results, so credentials are
 *   not exported at all.
 * Synthesized manifests have no outputs; `perflab check <stack>` checks the stack's config file.
 */
import { StackRule, StackViolation } from '../../src/policy/types';
import { SECRET_NAME_SCHEMA, SecretNameSettings, DEFAULT_SECRET_NAME_PATTERN, isNonEmptyLiteral, isPrivateKey, isSecretName } from './secret-patterns';

function isSecure(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { secure?: unknown }).secure === 'string';
}

/** Plain-text secret-looking leaves under `key`: their dotted paths. */
function plaintextLeaves(key: string, value: unknown, settings: SecretNameSettings, nameIsSecret: boolean): string[] {
  if (isSecure(value)) return [];
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      plaintextLeaves(Array.isArray(value) ? `${key}[${k}]` : `${key}.${k}`, v, settings, nameIsSecret || isSecretName(k, settings)),
    );
  }
  return (nameIsSecret && isNonEmptyLiteral(value)) || isPrivateKey(value) ? [key] : [];
}

/** No plain-text credentials in stack config; no credentials in stack outputs. */
export const secretConfig: StackRule<SecretNameSettings> = {
  scope: 'stack',
  id: 'no-plaintext-secret-config',
  description: 'Secret-looking stack config values are set with --secret; no stack output exports a credential.',
  level: 'mandatory',
  mirrors: ['Checkov secrets scanning (CKV_SECRET_*)', 'Pulumi docs: secrets must be set with `pulumi config set --secret`'],
  settingsSchema: SECRET_NAME_SCHEMA,
  defaults: { namePattern: DEFAULT_SECRET_NAME_PATTERN },
  check(_objects, { settings, stack }) {
    const out: StackViolation[] = [];
    const file = stack.name ? `Pulumi.${stack.name}.yaml` : 'the stack config';
    for (const [key, value] of Object.entries(stack.config ?? {})) {
      const name = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
      for (const path of plaintextLeaves(key, value, settings, isSecretName(name, settings))) {
        out.push({ message: `config ${path} is stored in plain text in ${file}; set it with pulumi config set --secret` });
      }
    }
    const outputs = stack.outputs ?? {};
    // Only secret-looking outputs are read: in preview the others may be unknown (they throw when read).
    for (const name of Object.keys(outputs).filter((n) => isSecretName(n, settings))) {
      const value = outputs[name];
      if (isNonEmptyLiteral(value) || (value !== null && typeof value === 'object')) {
        out.push({ message: `stack output ${name} looks like a credential; the lab exports results, not credentials (policies cannot see whether an output is marked secret)` });
      }
    }
    return out;
  },
};
