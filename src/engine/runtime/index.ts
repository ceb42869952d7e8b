/**
 * The simulated container runtime: the image catalogue and registry (images.ts), and what containers do
 * over simulated time (process.ts, with the shell in shell.ts). The kubelet uses this module and nothing
 * below it.
 */
export {
  DEFAULT_REGISTRY,
  DEFAULT_TAG,
  InvalidImageNameError,
  PULL_BASE_MS,
  PULL_BYTES_PER_SECOND,
  familiarName,
  knownRepositories,
  knownTags,
  lookupProgram,
  parseImageRef,
  pullDurationMs,
  pullFailedEventMessage,
  resolveImage,
} from './images';
export type { Image, ImageConfig, ImageRef, ImageResolution, SignalName } from './images';
export {
  DEFAULT_PATH,
  MemoryFileSystem,
  containerEnv,
  createContainerFileSystem,
  effectiveArgv,
  execInContainer,
  expandContainerArgs,
  startContainer,
} from './process';
export type {
  ContainerCommand,
  DialResult,
  DnsResult,
  FetchRequest,
  FetchResult,
  FileSystem,
  HttpRequest,
  HttpResult,
  OutputStep,
  Process,
  ProcessContext,
  ProcessStep,
  StartResult,
} from './process';
export { MountedFileSystem, directoryFileSystem } from './fs';
export type { Mount } from './fs';
export { BUSY_LOOP_ITERATIONS, BUSY_LOOP_SLEEP_MS } from './shell';
export { sha256Hex } from './sha256';
