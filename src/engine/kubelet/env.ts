import type { Container } from 'kubernetes-types/core/v1';
import type { StoredPod } from './model';

/**
 * A container's environment as the kubelet builds it: the `kubernetes` Service's variables (service
 * links), then the container's env, with values or the downward API fields learners use most.
 */
export interface EnvSource {
  uid: string;
  nodeName: string;
  hostIP: string;
  podIP: string | undefined;
}

export function containerEnv(pod: StoredPod, c: Container, src: EnvSource): Record<string, string> {
  const env: Record<string, string> = {
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  };
  for (const e of c.env ?? []) {
    const v = e.value ?? fieldRef(pod, e.valueFrom?.fieldRef?.fieldPath, src);
    if (v !== undefined) env[e.name] = v;
  }
  return env;
}

function fieldRef(pod: StoredPod, path: string | undefined, src: EnvSource): string | undefined {
  const m = pod.metadata;
  switch (path) {
    case 'metadata.name':
      return m.name;
    case 'metadata.namespace':
      return m.namespace;
    case 'metadata.uid':
      return src.uid;
    case 'spec.nodeName':
      return src.nodeName;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName;
    case 'status.podIP':
      return src.podIP;
    case 'status.hostIP':
      return src.hostIP;
    default: {
      const label = /^metadata\.labels\['(.+)'\]$/.exec(path ?? '');
      return label ? m.labels?.[label[1]!] : undefined;
    }
  }
}
