import { ApiServer } from './api/apiserver';
import { builtinRegistry } from './api/kinds';
import { installAdmission } from './api/admission';
import type { KubeObject } from './api/types';
import { SimClock } from './clock';
import { ControllerManager, InformerFactory } from './controllers/runtime';
import { startControllers } from './controllers';
import { EventRecorder } from './events';
import type { EventSource } from './events';
import { Kubelet } from './kubelet/kubelet';
import { Network } from './network/network';
import { SeededRandom } from './random';
import type { Random } from './random';
import { startScheduler } from './scheduler/scheduler';
import { Trace } from './trace';
import { bootstrapDefaultCluster } from './bootstrap';

/**
 * A whole simulated cluster: API server, controller manager, scheduler, one kubelet per node and the
 * network (kube-proxy and DNS), all on one simulated clock and one seeded random source.
 *
 * @example
 * const cluster = createCluster({ seed: 1 });
 * cluster.api.create(deployment, { namespace: 'default' });
 * cluster.advance(30_000); // thirty simulated seconds
 */
export interface NodeConfig {
  name: string;
  /** Capacity as Kubernetes quantities. */
  cpu: string;
  memory: string;
  pods: number;
  controlPlane?: boolean;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }>;
}

export interface ClusterOptions {
  seed?: number | string;
  /** Number of worker nodes (node-1 ... node-N) when `nodes` is not given. Default 3. */
  workers?: number;
  workerCpu?: string;
  workerMemory?: string;
  /** The full node list; overrides `workers`. */
  nodes?: NodeConfig[];
  /** Simulated wall time at which the cluster starts (ms since the epoch). */
  startTime?: number;
  /**
   * Deep-freeze stored objects: the mutation detector (client-go's KUBE_CACHE_MUTATION_DETECTOR), so a
   * component that writes into a shared object fails at once. On by default (tests, the command line);
   * the app's worker and the benchmark turn it off for speed once the tests have vouched for the code.
   */
  freeze?: boolean;
  /** Build the default cluster's system objects and let it settle. Default true. */
  bootstrap?: boolean;
}

export { KUBERNETES_VERSION } from './version';
export const DEFAULT_START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Everything a component gets: it acts on the cluster only through `api`. */
export interface ClusterContext {
  api: ApiServer;
  clock: SimClock;
  random: Random;
  trace: Trace;
  informers: InformerFactory;
  manager: ControllerManager;
  /** An event recorder for a component (`replicaset-controller`, or `kubelet` with its host). */
  recorder(source: EventSource): EventRecorder;
  nodes: NodeConfig[];
}

export class Cluster {
  readonly ctx: ClusterContext;
  readonly kubelets = new Map<string, Kubelet>();
  readonly network: Network;

  constructor(options: ClusterOptions = {}) {
    this.ctx = createContext(options);
    startControllers(this.ctx);
    startScheduler(this.ctx);
    this.network = new Network(this.ctx);
    for (const n of this.ctx.nodes) {
      const k = new Kubelet(this.ctx, n);
      this.kubelets.set(n.name, k);
      this.network.registerNode(n.name, k.httpServer());
      k.start();
    }
    if (options.bootstrap ?? true) bootstrapDefaultCluster(this);
    this.ctx.clock.runDue();
  }

  get api(): ApiServer {
    return this.ctx.api;
  }
  get clock(): SimClock {
    return this.ctx.clock;
  }
  get trace(): Trace {
    return this.ctx.trace;
  }
  now(): number {
    return this.ctx.clock.now();
  }

  /** Runs everything due now (controllers react to the last write). */
  runDue(): void {
    this.ctx.clock.runDue();
  }

  /** Advances simulated time by `ms`, running everything that falls due on the way. */
  advance(ms: number): void {
    this.ctx.clock.advance(ms);
  }

  /** Jumps to the next scheduled happening; false when nothing is scheduled. */
  step(): boolean {
    return this.ctx.clock.step();
  }

  kubelet(node: string): Kubelet {
    const k = this.kubelets.get(node);
    if (!k) throw new Error(`node "${node}" not found`);
    return k;
  }

  /** The node's kubelet stops heartbeating and syncing; the control plane notices as a real one does. */
  nodeDown(node: string): void {
    this.kubelet(node).stop();
    this.runDue();
  }

  nodeUp(node: string): void {
    this.kubelet(node).start();
    this.runDue();
  }

  /** A container of a pod exits with code 1 once (`sim crash`). */
  crash(namespace: string, pod: string, container?: string): void {
    const obj = this.api.get<KubeObject & { spec: { nodeName?: string } }>('Pod', namespace, pod);
    if (!obj.spec.nodeName) throw new Error(`pod "${pod}" is not running on a node`);
    this.kubelet(obj.spec.nodeName).crash(namespace, pod, container);
    this.runDue();
  }
}

/**
 * The shared pieces without any component running: unit tests of one controller, the scheduler or a
 * kubelet start only what they test on top of this.
 */
export function createContext(options: ClusterOptions = {}): ClusterContext {
  const clock = new SimClock(options.startTime ?? DEFAULT_START);
  const random = new SeededRandom(options.seed ?? 1);
  const trace = new Trace(() => clock.now());
  const api = new ApiServer({ clock, random, trace, registry: builtinRegistry(), freeze: options.freeze ?? true });
  installAdmission(api);
  const recorders = new Map<string, EventRecorder>();
  return {
    api,
    clock,
    random,
    trace,
    informers: new InformerFactory(api),
    manager: new ControllerManager(clock),
    nodes: options.nodes ?? defaultNodes(options),
    recorder: (source) => {
      const key = `${source.component}/${source.host ?? ''}`;
      let r = recorders.get(key);
      if (!r) {
        r = new EventRecorder(api, clock, source);
        recorders.set(key, r);
      }
      return r;
    },
  };
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options);
}

/** kubeadm/kind's shape: a tainted control-plane node and `workers` worker nodes. */
export function defaultNodes(options: ClusterOptions = {}): NodeConfig[] {
  const nodes: NodeConfig[] = [
    {
      name: 'control-plane',
      cpu: '2',
      memory: '4Gi',
      pods: 110,
      controlPlane: true,
      labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    },
  ];
  const n = options.workers ?? 3;
  for (let i = 1; i <= n; i++) {
    nodes.push({ name: `node-${i}`, cpu: options.workerCpu ?? '2', memory: options.workerMemory ?? '4Gi', pods: 110 });
  }
  return nodes;
}
