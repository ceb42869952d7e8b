import type { Pod } from 'kubernetes-types/core/v1';
import { KUBERNETES_VERSION } from '../cluster';
import type { NodeIdentity } from './node';

/**
 * The control plane as kubeadm writes it to /etc/kubernetes/manifests on the control-plane node: four
 * static pods the kubelet runs from files, without the API server's say. For each the kubelet creates a
 * read-only "mirror pod" in kube-system named `<component>-<node>` so `kubectl get pods -n kube-system`
 * shows them; deleting a mirror pod only makes the kubelet create it again.
 *
 * The commands are kubeadm v1.33's, abbreviated to the flags a learner is likely to look for.
 */
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.21-0';
/** A function, not a constant: cluster.ts (which defines the version) imports the kubelet. */
export function controlPlaneImages(): string[] {
  return [
    ETCD_IMAGE,
    `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
    `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
    `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  ];
}

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
export const CONFIG_HASH_ANNOTATION = 'kubernetes.io/config.hash';
export const CONFIG_SOURCE_ANNOTATION = 'kubernetes.io/config.source';
export const CONFIG_SEEN_ANNOTATION = 'kubernetes.io/config.seen';

export type StaticPodManifest = Pod & { metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> } };

/** The four manifests for a control-plane node, with its address filled in. */
export function controlPlaneManifests(node: NodeIdentity): StaticPodManifest[] {
  const ip = node.internalIP;
  const pki = '/etc/kubernetes/pki';
  return [
    manifest('etcd', ETCD_IMAGE, { cpu: '100m', memory: '100Mi' }, { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` }, [
      'etcd',
      `--advertise-client-urls=https://${ip}:2379`,
      `--cert-file=${pki}/etcd/server.crt`,
      '--client-cert-auth=true',
      '--data-dir=/var/lib/etcd',
      `--initial-advertise-peer-urls=https://${ip}:2380`,
      `--initial-cluster=${node.name}=https://${ip}:2380`,
      `--key-file=${pki}/etcd/server.key`,
      `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
      '--listen-metrics-urls=http://127.0.0.1:2381',
      `--listen-peer-urls=https://${ip}:2380`,
      `--name=${node.name}`,
      '--snapshot-count=10000',
      `--trusted-ca-file=${pki}/etcd/ca.crt`,
    ]),
    manifest(
      'kube-apiserver',
      `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
      { cpu: '250m' },
      { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
      [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        `--client-ca-file=${pki}/ca.crt`,
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${pki}/etcd/ca.crt`,
        '--etcd-servers=https://127.0.0.1:2379',
        '--runtime-config=',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki}/sa.pub`,
        `--service-account-signing-key-file=${pki}/sa.key`,
        '--service-cluster-ip-range=10.96.0.0/16',
        `--tls-cert-file=${pki}/apiserver.crt`,
        `--tls-private-key-file=${pki}/apiserver.key`,
      ],
    ),
    manifest('kube-controller-manager', `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`, { cpu: '200m' }, {}, [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      '--bind-address=127.0.0.1',
      '--cluster-cidr=10.244.0.0/16',
      '--cluster-name=kind',
      '--controllers=*,bootstrapsigner,tokencleaner',
      '--enable-hostpath-provisioner=true',
      '--kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--leader-elect=true',
      '--root-ca-file=/etc/kubernetes/pki/ca.crt',
      '--service-cluster-ip-range=10.96.0.0/16',
      '--use-service-account-credentials=true',
    ]),
    manifest('kube-scheduler', `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`, { cpu: '100m' }, {}, [
      'kube-scheduler',
      '--bind-address=127.0.0.1',
      '--kubeconfig=/etc/kubernetes/scheduler.conf',
      '--leader-elect=true',
    ]),
  ];
}

function manifest(
  component: string,
  image: string,
  requests: Record<string, string>,
  annotations: Record<string, string>,
  command: string[],
): StaticPodManifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: component,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      containers: [
        {
          name: component,
          image,
          imagePullPolicy: 'IfNotPresent',
          command,
          resources: { requests },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      terminationGracePeriodSeconds: 30,
      // The kubelet's file source gives every static pod this toleration.
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  };
}

/**
 * The mirror pod the kubelet posts for a static pod: the manifest bound to the node, annotated with
 * its config hash and source, and owned by the Node (so it goes when the Node goes).
 */
export function mirrorPodFor(
  manifest: StaticPodManifest,
  node: { name: string; uid: string },
  hash: string,
  seen: string,
): StaticPodManifest {
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      name: `${manifest.metadata.name}-${node.name}`,
      annotations: {
        ...manifest.metadata.annotations,
        [CONFIG_HASH_ANNOTATION]: hash,
        [MIRROR_ANNOTATION]: hash,
        [CONFIG_SEEN_ANNOTATION]: seen,
        [CONFIG_SOURCE_ANNOTATION]: 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
    },
    spec: { ...manifest.spec!, nodeName: node.name },
  };
}

export function isMirrorPod(pod: { metadata?: { annotations?: Record<string, string> } }): boolean {
  return !!pod.metadata?.annotations?.[MIRROR_ANNOTATION];
}
