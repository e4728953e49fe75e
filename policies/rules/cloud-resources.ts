/**
 * A uniform view of the cloud resources the lab may create, in either form the rules see them:
 * direct Pulumi resources (kind = type token, inputs under `props`, the provider's inputs under
 * `provider.props`; see policies/adapter.ts) or Kubernetes claims of Crossplane (Upbound AWS
 * provider) and Azure Service Operator. Each view says where the size, the tags and the
 * deletion settings live, so the cloud rules read them one way.
 */
import { groupOf, metaOf } from '../../src/policy/manifest';
import { Manifest } from '../../src/policy/types';

/** What the cloud rules need to know about one cloud resource. */
export interface CloudView {
  /** `RDS instance`, `EC2 instance`, `Azure PostgreSQL server`, ... */
  readonly what: string;
  /** Field that sizes it (`instanceClass`, `spec.forProvider.instanceType`), if the resource has one. */
  readonly sizeField?: string;
  readonly size?: string;
  /** Field holding the tags. */
  readonly tagsField: string;
  /** Its tags, including provider default tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Deletion-protection field and value, if the resource has one. */
  readonly deletionProtection?: { readonly field: string; readonly value: boolean };
  /** skipFinalSnapshot field and value (RDS), if the resource has one. */
  readonly skipFinalSnapshot?: { readonly field: string; readonly value: boolean };
  /** Why deleting the object would leave the cloud resource behind (Crossplane Orphan, ASO detach), if it would. */
  readonly retainedOnDelete?: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const tagsOf = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).filter(([, t]) => typeof t === 'string').map(([k, t]) => [k, t as string]));

/** Pulumi type tokens the rules know, with what they are and where their size lives. */
const PULUMI_TYPES: ReadonlyArray<{ re: RegExp; what: string; size?: string[]; deletion?: 'rds' | 'ec2' }> = [
  { re: /^aws:rds\/instance:Instance$/, what: 'RDS instance', size: ['instanceClass'], deletion: 'rds' },
  { re: /^aws:rds\/cluster:Cluster$/, what: 'RDS cluster', size: ['dbClusterInstanceClass'], deletion: 'rds' },
  { re: /^aws:rds\/clusterInstance:ClusterInstance$/, what: 'RDS cluster instance', size: ['instanceClass'] },
  { re: /^aws:ec2\/instance:Instance$/, what: 'EC2 instance', size: ['instanceType'], deletion: 'ec2' },
  { re: /^azure-native:dbforpostgresql:(Server|FlexibleServer|SingleServer)$/, what: 'Azure PostgreSQL server', size: ['sku', 'name'] },
  { re: /^azure-native:dbformysql:(Server|FlexibleServer|SingleServer)$/, what: 'Azure MySQL server', size: ['sku', 'name'] },
  { re: /^azure-native:sql:Server$/, what: 'Azure SQL server' },
  { re: /^azure-native:sql:Database$/, what: 'Azure SQL database', size: ['sku', 'name'] },
  { re: /^azure-native:compute:VirtualMachine$/, what: 'Azure virtual machine', size: ['hardwareProfile', 'vmSize'] },
];

/** Kubernetes claims the rules know: API group, kind, what, where the size lives under spec. */
const CLAIM_TYPES: ReadonlyArray<{ group: string; kinds: string[]; what: string; size?: string[]; flavour: 'crossplane' | 'aso'; deletion?: 'rds' | 'ec2' }> = [
  { group: 'rds.aws.upbound.io', kinds: ['Instance'], what: 'RDS instance', size: ['forProvider', 'instanceClass'], flavour: 'crossplane', deletion: 'rds' },
  { group: 'rds.aws.upbound.io', kinds: ['Cluster'], what: 'RDS cluster', size: ['forProvider', 'dbClusterInstanceClass'], flavour: 'crossplane', deletion: 'rds' },
  { group: 'rds.aws.upbound.io', kinds: ['ClusterInstance'], what: 'RDS cluster instance', size: ['forProvider', 'instanceClass'], flavour: 'crossplane' },
  { group: 'ec2.aws.upbound.io', kinds: ['Instance'], what: 'EC2 instance', size: ['forProvider', 'instanceType'], flavour: 'crossplane', deletion: 'ec2' },
  { group: 'dbforpostgresql.azure.com', kinds: ['FlexibleServer'], what: 'Azure PostgreSQL server', size: ['sku', 'name'], flavour: 'aso' },
  { group: 'dbformysql.azure.com', kinds: ['FlexibleServer'], what: 'Azure MySQL server', size: ['sku', 'name'], flavour: 'aso' },
  { group: 'sql.azure.com', kinds: ['Server'], what: 'Azure SQL server', flavour: 'aso' },
  { group: 'sql.azure.com', kinds: ['ServersDatabase'], what: 'Azure SQL database', size: ['sku', 'name'], flavour: 'aso' },
];

/** Annotation with which Azure Service Operator is told to leave the Azure resource when the object is deleted. */
export const ASO_RECONCILE_POLICY = 'serviceoperator.azure.com/reconcile-policy';

function at(root: Obj, path: readonly string[]): unknown {
  let v: unknown = root;
  for (const p of path) v = obj(v)[p];
  return v;
}

function deletionFields(base: Obj, prefix: string, deletion: 'rds' | 'ec2' | undefined): Pick<CloudView, 'deletionProtection' | 'skipFinalSnapshot'> {
  if (deletion === 'rds') {
    return {
      deletionProtection: { field: `${prefix}deletionProtection`, value: base.deletionProtection === true },
      skipFinalSnapshot: { field: `${prefix}skipFinalSnapshot`, value: base.skipFinalSnapshot === true },
    };
  }
  if (deletion === 'ec2') return { deletionProtection: { field: `${prefix}disableApiTermination`, value: base.disableApiTermination === true } };
  return {};
}

/** The cloud view of an object, or undefined when it is not a cloud resource the rules know. */
export function cloudViewOf(m: Manifest): CloudView | undefined {
  const kind = m.kind ?? '';
  const pulumi = PULUMI_TYPES.find((t) => t.re.test(kind));
  if (pulumi) {
    const props = obj(m.props);
    const providerTags = tagsOf(obj(obj(obj(m.provider).props).defaultTags).tags);
    return {
      what: pulumi.what,
      sizeField: pulumi.size?.join('.'),
      size: pulumi.size ? str(at(props, pulumi.size)) : undefined,
      tagsField: 'tags',
      tags: { ...providerTags, ...tagsOf(props.tags) },
      ...deletionFields(props, '', pulumi.deletion),
    };
  }
  const claim = CLAIM_TYPES.find((t) => t.group === groupOf(m) && t.kinds.includes(kind));
  if (!claim) return undefined;
  const spec = obj(m.spec);
  if (claim.flavour === 'crossplane') {
    const forProvider = obj(spec.forProvider);
    return {
      what: claim.what,
      sizeField: claim.size ? `spec.${claim.size.join('.')}` : undefined,
      size: claim.size ? str(at(spec, claim.size)) : undefined,
      tagsField: 'spec.forProvider.tags',
      tags: tagsOf(forProvider.tags),
      ...deletionFields(forProvider, 'spec.forProvider.', claim.deletion),
      retainedOnDelete: spec.deletionPolicy === 'Orphan' ? 'spec.deletionPolicy is Orphan' : undefined,
    };
  }
  const policy = metaOf(m).annotations?.[ASO_RECONCILE_POLICY];
  return {
    what: claim.what,
    sizeField: claim.size ? `spec.${claim.size.join('.')}` : undefined,
    size: claim.size ? str(at(spec, claim.size)) : undefined,
    tagsField: 'spec.tags',
    tags: tagsOf(spec.tags),
    retainedOnDelete: policy === 'detach-on-delete' || policy === 'skip' ? `annotation ${ASO_RECONCILE_POLICY} is ${policy}` : undefined,
  };
}

const AWS_SIZE_VCPU: Readonly<Record<string, number>> = { nano: 2, micro: 2, small: 2, medium: 2, large: 2, xlarge: 4 };
/** AWS families whose smallest sizes have one vCPU. */
const AWS_ONE_VCPU: ReadonlySet<string> = new Set(['t2.nano', 't2.micro', 't2.small', 'a1.medium']);

/**
 * vCPUs of an instance size, from its name: AWS `[db.]family.size` (large = 2, xlarge = 4,
 * Nxlarge = 4N, smaller sizes 2, t2.nano/micro/small and a1.medium 1), Azure `Standard_<series><N>...`
 * (N vCPUs) and vCore SKUs ending `_<N>` (`GP_Gen5_2`). Undefined when the name does not say.
 */
export function vcpusOf(size: string): number | undefined {
  const aws = /^(?:db\.)?([a-z0-9-]+)\.([a-z0-9]+)$/.exec(size);
  if (aws) {
    const [, family, s] = aws;
    if (AWS_ONE_VCPU.has(`${family}.${s}`)) return 1;
    if (AWS_SIZE_VCPU[s] !== undefined) return AWS_SIZE_VCPU[s];
    const n = /^(\d+)xlarge$/.exec(s);
    return n ? 4 * Number(n[1]) : undefined;
  }
  const azure = /^Standard_[A-Za-z]+(\d+)/.exec(size);
  if (azure) return Number(azure[1]);
  const vcore = /^[A-Z]+(?:_[A-Z]+)?_Gen\d+_(\d+)$/.exec(size);
  return vcore ? Number(vcore[1]) : undefined;
}
