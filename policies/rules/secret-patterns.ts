/**
 * What counts as a secret by name or by content, shared by the secret rules. Names: a key or
 * env var whose name matches the pattern (case-insensitive). Content: a PEM private key.
 */
import { SettingsSchema } from '../../src/policy/types';

/** Default pattern of secret-looking names (matched case-insensitively anywhere in the name). */
export const DEFAULT_SECRET_NAME_PATTERN = '(PASSWORD|SECRET|TOKEN|API[_-]?KEY|ACCESS[_-]?KEY)';

/** Settings of the secret rules. */
export interface SecretNameSettings {
  /** Regular expression (case-insensitive) of names that hold credentials. */
  readonly namePattern: string;
}

/** Schema of SecretNameSettings. */
export const SECRET_NAME_SCHEMA: SettingsSchema = {
  namePattern: {
    type: 'string',
    description: 'Regular expression, matched case-insensitively, of env var / key / config names that hold credentials.',
    default: DEFAULT_SECRET_NAME_PATTERN,
  },
};

/** Whether `name` looks like it holds a credential. */
export function isSecretName(name: string, settings: SecretNameSettings): boolean {
  return new RegExp(settings.namePattern, 'i').test(name);
}

/** Whether a value is a PEM private key (`-----BEGIN RSA PRIVATE KEY-----` and the like). */
export function isPrivateKey(value: unknown): boolean {
  return typeof value === 'string' && /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(value);
}

/** Whether a value is a non-empty literal worth protecting. */
export function isNonEmptyLiteral(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}
