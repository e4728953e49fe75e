/**
 * GatewayRoutes: the gateway's Gateway API objects — a Gateway of the run's GatewayClass with
 * one HTTP listener on Traefik's `web` entry point, and an HTTPRoute sending every path to the
 * app's Service. Traefik (installed by Helm, releases.ts) implements them; the objects are
 * plain `gateway.networking.k8s.io/v1`, validated offline against the Gateway API schemas.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { RunIdentity, perflabLabels } from '../../../constructs/labels';

/** Name of the Gateway. */
export const GATEWAY_NAME = 'gateway';
/** Traefik's `web` entry point port, which the Gateway listener must use. */
export const GATEWAY_LISTENER_PORT = 8000;

/** The run's GatewayClass name (one per namespace, so two stacks' Traefiks never share one). */
export function gatewayClassName(namespace: string): string {
  return `traefik-${namespace}`;
}

/** Props of GatewayRoutes. */
export interface GatewayRoutesProps {
  readonly identity: RunIdentity;
  readonly namespace: string;
  /** The app's Service and port. */
  readonly backend: { readonly service: string; readonly port: number };
}

/** Gateway + HTTPRoute. */
export class GatewayRoutes extends Construct {
  readonly gateway: ApiObject;
  readonly route: ApiObject;

  constructor(scope: Construct, id: string, props: GatewayRoutesProps) {
    super(scope, id);
    const labels = perflabLabels({ ...props.identity, name: GATEWAY_NAME, component: 'gateway' });
    this.gateway = new ApiObject(this, 'gateway', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: GATEWAY_NAME, labels },
      spec: {
        gatewayClassName: gatewayClassName(props.namespace),
        listeners: [{ name: 'web', protocol: 'HTTP', port: GATEWAY_LISTENER_PORT, allowedRoutes: { namespaces: { from: 'Same' } } }],
      },
    });
    this.route = new ApiObject(this, 'route', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'app', labels },
      spec: {
        parentRefs: [{ name: GATEWAY_NAME, sectionName: 'web' }],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: props.backend.service, port: props.backend.port }] }],
      },
    });
  }
}
