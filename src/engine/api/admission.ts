import type { ApiServer } from './apiserver';

/** The admission chain of the simulated kube-apiserver (filled in by api/admission plugins). */
export function installAdmission(_api: ApiServer): void {}
