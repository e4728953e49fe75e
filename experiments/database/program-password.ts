/**
 * The password of an in-cluster path whose operator generates none (the Oracle MySQL Operator
 * reads its administrative account from a Secret the user makes). Generated in the program from
 * Node's CSPRNG and kept a Pulumi secret end to end; the Secret holding it ignores later changes
 * (component.ts), so the first value stays and a re-run changes nothing. Not @pulumi/random as
 * for the cloud paths: an in-cluster stack then needs no provider beyond Kubernetes.
 */
import * as crypto from 'crypto';
import * as pulumi from '@pulumi/pulumi';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 letters and digits (safe in URLs, shells and MySQL's password rules), as a secret output. */
export function programPassword(length = 32): pulumi.Output<string> {
  // randomInt draws without modulo bias.
  const chars = Array.from({ length }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return pulumi.secret(chars.join(''));
}
