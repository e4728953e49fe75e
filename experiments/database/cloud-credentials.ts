/**
 * The master password of a cloud database path (RDS / Azure, through Pulumi, Crossplane or ASO):
 * those need the password up front, as an input, so perflab generates it with @pulumi/random and
 * keeps it a Pulumi secret end to end (a Kubernetes Secret from the secret output). In-cluster
 * paths never come here: their operators generate the credentials.
 */
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';

/** A generated password (letters and digits only: safe in URLs, shells and every engine's rules), as a secret output. */
export function cloudPassword(name: string, parent: pulumi.Resource): pulumi.Output<string> {
  const password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent });
  return pulumi.secret(password.result);
}
