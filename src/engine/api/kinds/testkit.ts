import { createContext } from '../../cluster';
import type { ClusterContext } from '../../cluster';
import { StatusError } from '../errors';
import type { ObjectInput } from '../types';

/**
 * Helpers for the kinds' and admission tests: a real API server (createContext installs the
 * admission chain) with the namespaces a test needs, and the Status error a request fails with.
 */
export function apiContext(...namespaces: string[]): ClusterContext {
  const ctx = createContext({ seed: 1 });
  for (const name of namespaces.length ? namespaces : ['default']) {
    ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  return ctx;
}

export function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
}

export function podInput(name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): ObjectInput {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...meta }, spec };
}

export function deploymentInput(name: string, spec: Record<string, unknown>): ObjectInput {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec };
}

export function serviceInput(name: string, spec: Record<string, unknown>, namespace = 'default'): ObjectInput {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}
