/**
 * Linkerd's identity certificates made with openssl, the way Linkerd's docs make them with step:
 * an ECDSA P-256 trust anchor (root CA, `root.linkerd.cluster.local`, 10 years) and an issuer
 * (intermediate CA, `identity.linkerd.cluster.local`, 1 year, path length 0) signed by it.
 * Used by the LinkerdIdentity resource when the stack sets no certificates of its own.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The three PEMs the linkerd-control-plane chart needs. */
export interface LinkerdCertificates {
  readonly trustAnchorPem: string;
  readonly issuerCertPem: string;
  readonly issuerKeyPem: string;
}

/** Validity of the issuer certificate, days. @default 365 */
export const ISSUER_DAYS = 365;
/** Validity of the trust anchor, days. @default 3650 */
export const TRUST_ANCHOR_DAYS = 3650;

/** Creates a fresh trust anchor and issuer with `openssl` (on PATH, or `opensslPath`). */
export function createLinkerdCertificates(opensslPath = 'openssl'): LinkerdCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-linkerd-'));
  const f = (name: string): string => path.join(dir, name);
  const run = (args: string[]): void => {
    try {
      execFileSync(opensslPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { stderr?: Buffer; code?: string; message: string };
      const why = e.code === 'ENOENT' ? `${opensslPath} is not installed (apt-get install openssl), or set the perflab-linkerd:* certificates yourself (experiments/mesh/README.md)` : (e.stderr?.toString().trim() || e.message);
      throw new Error(`making Linkerd's identity certificates: openssl ${args[0]} failed: ${why}`);
    }
  };
  try {
    fs.writeFileSync(f('issuer.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f('ca.key')]);
    run(['req', '-x509', '-new', '-key', f('ca.key'), '-sha256', '-days', String(TRUST_ANCHOR_DAYS), '-subj', '/CN=root.linkerd.cluster.local', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', f('ca.crt')]);
    run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f('issuer.key')]);
    run(['req', '-new', '-key', f('issuer.key'), '-subj', '/CN=identity.linkerd.cluster.local', '-out', f('issuer.csr')]);
    run(['x509', '-req', '-in', f('issuer.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', String(ISSUER_DAYS), '-sha256', '-extfile', f('issuer.ext'), '-out', f('issuer.crt')]);
    return {
      trustAnchorPem: fs.readFileSync(f('ca.crt'), 'utf8'),
      issuerCertPem: fs.readFileSync(f('issuer.crt'), 'utf8'),
      issuerKeyPem: fs.readFileSync(f('issuer.key'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
