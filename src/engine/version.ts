/** The Kubernetes release the simulated cluster reports (kubelets, kubectl version, images). */
export const KUBERNETES_VERSION = 'v1.33.1';
