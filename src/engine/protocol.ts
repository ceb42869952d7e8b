/**
 * The one typed message protocol between the UI (main thread) and the engine (Web Worker). The UI
 * imports nothing else from the engine. Requests carry an id that their response echoes; the worker
 * also pushes `tick` messages (no id) as simulated time passes: the changes to the cluster since the
 * last tick as display-ready views, the components that acted, and terminal output of running
 * commands (`get -w`, `rollout status`).
 */
export const PROTOCOL_VERSION = 3;

/** Worker nodes of a cluster: kind's default here, and the most a reset may ask for. */
export const DEFAULT_WORKERS = 3;
export const MAX_WORKERS = 50;

// ---------------------------------------------------------------------------------------------
// Views: slim, display-ready records of the objects the picture shows, computed in the worker with
// kubectl's own logic (a pod's `status` is the STATUS column of `kubectl get pods`). The UI keeps a
// read-only mirror of them keyed by `key` (`Kind/namespace/name`, namespace empty for cluster kinds).

export interface ViewBase {
  key: string;
  uid: string;
  namespace: string;
  name: string;
  /** Simulated ms since the epoch. */
  createdAt: number;
  labels: Record<string, string>;
  /** The controller owner, when there is one. */
  owner: { kind: string; name: string } | null;
  /** metadata.deletionTimestamp is set: the object is going away. */
  deleting: boolean;
}

export interface NodeView extends ViewBase {
  kind: 'Node';
  ready: boolean;
  /** The Ready condition's status: True, False or Unknown. */
  readyStatus: string;
  unschedulable: boolean;
  controlPlane: boolean;
  /** `key=value:Effect` */
  taints: string[];
  /** Allocatable CPU (millicores) and memory (bytes), and the sum of requests of the pods bound to it. */
  cpu: { allocatable: number; requested: number };
  memory: { allocatable: number; requested: number };
  maxPods: number;
  internalIP: string;
}

export interface PodView extends ViewBase {
  kind: 'Pod';
  node: string | null;
  phase: string;
  /** The STATUS column of `kubectl get pods`: Running, ContainerCreating, CrashLoopBackOff, Terminating... */
  status: string;
  /** READY column: `1/1` */
  ready: string;
  /** Every container ready (the Ready condition). */
  isReady: boolean;
  restarts: number;
  ip: string;
  images: string[];
  /** Why the scheduler could not place it, when it could not (PodScheduled=False message). */
  unschedulable?: string;
}

export interface ServiceView extends ViewBase {
  kind: 'Service';
  type: string;
  clusterIP: string;
  /** PORT(S) column: `80:30080/TCP` */
  ports: string;
  selector: Record<string, string> | null;
  /** Pod names behind the Service (from its Endpoints), ready and not ready. */
  endpoints: { ready: string[]; notReady: string[] };
}

export interface WorkloadView extends ViewBase {
  kind: 'Deployment' | 'ReplicaSet' | 'DaemonSet' | 'StatefulSet';
  /** Desired pods (spec.replicas; desiredNumberScheduled for a DaemonSet). */
  desired: number;
  current: number;
  ready: number;
  available: number;
  updated: number;
  images: string[];
  /** deployment.kubernetes.io/revision, for Deployments and their ReplicaSets. */
  revision: string;
  selector: Record<string, string> | null;
  /** A Deployment's Progressing condition reason (NewReplicaSetAvailable, ProgressDeadlineExceeded...). */
  progress?: string;
}

export interface EventView extends ViewBase {
  kind: 'Event';
  type: string;
  reason: string;
  message: string;
  /** `Kind/name` of the involved object. */
  object: string;
  objectNamespace: string;
  source: string;
  count: number;
  /** Simulated ms of the last occurrence. */
  lastSeen: number;
}

export interface NamespaceView extends ViewBase {
  kind: 'Namespace';
  phase: string;
}

export interface ConfigView extends ViewBase {
  kind: 'ConfigMap' | 'Secret';
  keys: string[];
}

export type ObjectView = NodeView | PodView | ServiceView | WorkloadView | EventView | NamespaceView | ConfigView;
export type ViewKind = ObjectView['kind'];

export interface ViewDelta {
  upsert: ObjectView[];
  /** Keys of views that no longer exist. */
  remove: string[];
}

// ---------------------------------------------------------------------------------------------
// Time

export interface ClockState {
  /** Simulated ms since the epoch. */
  time: number;
  running: boolean;
  /** Simulated seconds per wall second. */
  speed: number;
  /** Simulated ms at which this cluster was created (the reset). */
  startedAt: number;
  /** Worker nodes the cluster was created with. */
  workers: number;
}

/** What moved in the control plane and the nodes during a tick (drives the diagram's highlights). */
export interface Activity {
  /** `kube-apiserver`, `etcd`, `kube-scheduler`, `kube-controller-manager`, `kubelet/node-1`, `kube-proxy/node-1`. */
  component: string;
  count: number;
}

export interface TraceLine {
  time: number;
  seq: number;
  component: string;
  actor?: string;
  node?: string;
  message: string;
  ref?: { kind: string; namespace?: string; name: string };
}

// ---------------------------------------------------------------------------------------------
// Terminal

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * One input the cluster received, with the simulated instant it arrived: replaying them rebuilds it.
 * A terminal line; a script run at once (a lesson's set-up, a step's solution); or a lesson mark (a
 * lesson began, a step passed, the lesson was left), so a rebuilt cluster is at the same step.
 */
export type JournalEntry =
  | {
      at: number;
      line: string;
      stdin?: string;
      /** Files the line read (`kubectl apply -f NAME`), by name. */
      files?: Record<string, string>;
    }
  | { at: number; script: string; files?: Record<string, string> }
  | { at: number; lesson: string | null; step?: number };

export interface Journal {
  version: number;
  seed: number;
  /** Worker nodes of the cluster. */
  workers: number;
  /** Simulated time at which the journal was taken. */
  time: number;
  entries: JournalEntry[];
}

// ---------------------------------------------------------------------------------------------
// Lessons

/** A lesson as the catalogue shows it; its prose and manifests the UI loads from the lesson's folder. */
export interface LessonInfo {
  id: string;
  title: string;
  level: 'beginner' | 'intermediate' | 'advanced';
  minutes: number;
  concepts: string[];
  steps: Array<{ id: string; files: string[] }>;
}

/** One goal of a step: what is wanted, whether the cluster meets it, and where it is now. */
export interface LessonGoal {
  /** What is wanted, as the learner reads it: "3 Pods labelled app=web are Running and ready". */
  text: string;
  met: boolean;
  /** Where the cluster is now, when not met: "now: 2 Running, 1 ImagePullBackOff". */
  now?: string;
}

/** The lesson under way, evaluated live in the worker. */
export interface LessonState {
  lesson: string;
  /** Index of the current step; the number of steps once every step passed. */
  step: number;
  /** Simulated ms at which the current step began, and at which each passed step passed. */
  stepStartedAt: number;
  passedAt: number[];
  goals: LessonGoal[];
  /** View keys of the objects the step is about (the diagram highlights them). */
  focus: string[];
}

/** An error in a manifest, at its line (1-based) when known. */
export interface ManifestError {
  line?: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Messages

export type Request =
  | { id: number; type: 'hello'; version: number }
  /** Every view, and the clock: the UI's mirror starts from this. */
  | { id: number; type: 'snapshot' }
  | { id: number; type: 'play' }
  | { id: number; type: 'pause' }
  | { id: number; type: 'speed'; speed: number }
  /** Jumps to the next thing that happens in the cluster (an API write other than a heartbeat). */
  | { id: number; type: 'step' }
  /** Moves simulated time by `ms` at once (tests, "skip 1 minute"). */
  | { id: number; type: 'advance'; ms: number }
  /** A fresh default cluster (of `workers` worker nodes; the current number when not given). */
  | { id: number; type: 'reset'; seed?: number; workers?: number }
  /** One terminal line: `kubectl ...`, `sim ...`, `sleep ...`; `files` are what `-f NAME` can read (the editor's manifests). */
  | { id: number; type: 'run'; line: string; stdin?: string; files?: Record<string, string> }
  /** Ctrl-C: stops the running command (`get -w`, `rollout status`). */
  | { id: number; type: 'interrupt' }
  /** `kubectl apply -f NAME` of an editor's text. */
  | { id: number; type: 'apply'; filename: string; text: string }
  /** Completion candidates for a terminal line at the cursor. */
  | { id: number; type: 'complete'; line: string; cursor: number }
  /** The inspector's texts for one object. */
  | { id: number; type: 'inspect'; kind: string; namespace: string; name: string }
  /** Everything the cluster received since the reset, to keep it across a reload. */
  | { id: number; type: 'journal' }
  /** Rebuilds a cluster from a journal (progress arrives as `restoring` pushes). */
  | { id: number; type: 'restore'; journal: Journal }
  /** The lesson catalogue, in teaching order. */
  | { id: number; type: 'lessons' }
  /** A fresh cluster as the lesson starts it (its seed, workers and set-up), at its first step. */
  | { id: number; type: 'lessonStart'; lesson: string }
  /** Leaves the lesson; the cluster stays as it is. */
  | { id: number; type: 'lessonStop' }
  /** Runs the current step's solution (its part of the lesson's solution script). */
  | { id: number; type: 'lessonSolve' };

export interface RunResult {
  output: OutputChunk[];
  exitCode: number;
  /** The command keeps running (`get -w`, `rollout status`): its output arrives with the ticks. */
  running: boolean;
}

export interface InspectResult {
  describe: string;
  yaml: string;
  events: string;
  /** Pods only. */
  logs?: string;
  /** The object as a manifest to edit and apply again: no status, no server-set metadata. */
  manifest?: string;
}

export type Response =
  | { id: number; type: 'hello'; version: number }
  | { id: number; type: 'snapshot'; clock: ClockState; views: ObjectView[]; seed: number; lesson: LessonState | null }
  | { id: number; type: 'clock'; clock: ClockState }
  | { id: number; type: 'run'; result: RunResult }
  | { id: number; type: 'apply'; result: RunResult; errors: ManifestError[] }
  | { id: number; type: 'complete'; from: number; candidates: string[] }
  | { id: number; type: 'inspect'; result: InspectResult }
  | { id: number; type: 'journal'; journal: Journal }
  | { id: number; type: 'lessons'; lessons: LessonInfo[] }
  | { id: number; type: 'lesson'; lesson: LessonState | null }
  | { id: number; type: 'ok' }
  | { id: number; type: 'error'; message: string };

/** Pushed by the worker, no id. */
export type Push =
  | {
      type: 'tick';
      clock: ClockState;
      delta: ViewDelta;
      activity: Activity[];
      trace: TraceLine[];
      /** Output of the running terminal command, and its end. */
      terminal?: OutputChunk[];
      terminalDone?: { exitCode: number };
      /** The lesson's state, when it changed (null: no lesson any more). */
      lesson?: LessonState | null;
    }
  | { type: 'restoring'; done: number; total: number };

export type WorkerMessage = Response | Push;

export function isPush(m: WorkerMessage): m is Push {
  return !('id' in m);
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
