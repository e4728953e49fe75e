/**
 * Where the Linkerd control plane's identity certificates come from. Either the stack sets all
 * three as Pulumi secrets (`pulumi config set --secret perflab-linkerd:trustAnchorPem -- "$(cat
 * ca.crt)"`, likewise issuerCertPem and issuerKeyPem; README shows how to make them with step),
 * or a LinkerdIdentity resource makes them once with openssl at `pulumi up` and keeps them in
 * the stack's state (issuer key as a secret output), so repeated updates keep the same mesh
 * identity. @pulumi/tls would do the latter natively; it is not a dependency of perflab yet.
 */
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { LinkerdIdentityValues } from './helm-releases';

/** Config namespace of the Linkerd certificates. */
export const LINKERD_CONFIG_NAMESPACE = 'perflab-linkerd';
/** Keys of the Linkerd certificates under `perflab-linkerd:`. */
export const LINKERD_CONFIG_KEYS = ['trustAnchorPem', 'issuerCertPem', 'issuerKeyPem'] as const;

/** The certificates from stack config (secrets), undefined when none is set; throws when only some are. */
export function linkerdIdentityFromConfig(config: pulumi.Config = new pulumi.Config(LINKERD_CONFIG_NAMESPACE)): LinkerdIdentityValues<pulumi.Output<string>> | undefined {
  const values = LINKERD_CONFIG_KEYS.map((k) => config.getSecret(k));
  const missing = LINKERD_CONFIG_KEYS.filter((_, i) => values[i] === undefined);
  if (missing.length === LINKERD_CONFIG_KEYS.length) return undefined;
  if (missing.length) {
    throw new pulumi.RunError(
      `${missing.map((k) => `${LINKERD_CONFIG_NAMESPACE}:${k}`).join(', ')} not set: set all three Linkerd certificates (pulumi config set --secret), or none to have perflab make them with openssl`,
    );
  }
  const [trustAnchorPem, issuerCertPem, issuerKeyPem] = values as pulumi.Output<string>[];
  return { trustAnchorPem, issuerCertPem, issuerKeyPem };
}

/** A self-contained dynamic provider that makes the certificates once (linkerd-certs.ts). */
function identityProvider(entry: string, tsNode: string, tsconfig: string): pulumi.dynamic.ResourceProvider {
  return {
    async create() {
      if (entry.endsWith('.ts') && !require.extensions['.ts']) require(tsNode).register({ transpileOnly: true, project: tsconfig });
      return { id: 'linkerd-identity', outs: require(entry).createLinkerdCertificates() };
    },
    async diff() {
      return { changes: false };
    },
    async delete() {
      // Nothing outside the state: the certificates live only in it.
    },
  };
}

let sharedProvider: pulumi.dynamic.ResourceProvider | undefined;

/** Linkerd's trust anchor and issuer, made at the first `pulumi up` and kept in the state. */
export class LinkerdIdentity extends pulumi.dynamic.Resource {
  declare readonly trustAnchorPem: pulumi.Output<string>;
  declare readonly issuerCertPem: pulumi.Output<string>;
  declare readonly issuerKeyPem: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    sharedProvider ??= identityProvider(require.resolve('./linkerd-certs'), require.resolve('ts-node'), path.resolve(__dirname, '..', '..', 'tsconfig.json'));
    super(sharedProvider, name, { trustAnchorPem: undefined, issuerCertPem: undefined, issuerKeyPem: undefined }, { ...opts, additionalSecretOutputs: ['issuerKeyPem'] }, 'perflab', 'LinkerdIdentity');
  }

  /** The three PEMs as chart values. */
  values(): LinkerdIdentityValues<pulumi.Output<string>> {
    return { trustAnchorPem: this.trustAnchorPem, issuerCertPem: this.issuerCertPem, issuerKeyPem: this.issuerKeyPem };
  }
}
