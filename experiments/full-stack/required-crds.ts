/**
 * What a composition needs on the cluster when `perflab-cluster:operators` is `preinstalled`, in
 * one place: the mesh's CRDs (the mesh experiment's list), CloudNativePG's (the database
 * experiment's), the RabbitMQ operator's (the messaging experiment's), the Gateway API CRDs for
 * the gateway (Traefik itself is then perflab's manifests), and the k6-operator's in testrun
 * mode. NATS and the Collector need none: they are plain manifests then.
 */
import { StackSpec } from '../../src/cluster/stack-spec';
import { NO_PREREQUISITES, Prerequisites, RequiredCrd, k6Prerequisites, mergePrerequisites } from '../../src/cluster/prerequisites';
import { DATABASE_CRDS } from '../database/required-crds';
import { MESH_CRDS } from '../mesh/required-crds';
import { MESSAGING_CRDS } from '../messaging/required-crds';
import { compositionMesh } from './cluster/mesh-enrolment';
import { fullStackSettingsOf, layerChoice } from './settings';

/** The Gateway API (standard channel) CRDs the gateway layer's objects use. */
export const GATEWAY_API_CRDS: readonly RequiredCrd[] = ['gatewayclasses', 'gateways', 'httproutes'].map((plural) => ({
  name: `${plural}.gateway.networking.k8s.io`,
  providedBy: 'the Gateway API standard channel (standard-install.yaml of a release Traefik 3.5 supports)',
}));

/** The CRDs a full-stack stack must find on the cluster (none when the stack installs its charts). */
export function fullStackPrerequisites(stack: StackSpec): Prerequisites {
  if (stack.options.operators !== 'preinstalled') return NO_PREREQUISITES;
  const choice = layerChoice(fullStackSettingsOf(stack.spec));
  return mergePrerequisites(
    { crds: MESH_CRDS[compositionMesh(choice).variant] },
    { crds: choice.database === 'postgres' ? DATABASE_CRDS.cnpg : [] },
    { crds: choice.messaging === 'rabbitmq' ? MESSAGING_CRDS.rabbitmq : [] },
    { crds: choice.gateway === 'traefik' ? GATEWAY_API_CRDS : [] },
    k6Prerequisites(stack.options),
  );
}
