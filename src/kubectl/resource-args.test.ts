import { describe, expect, it } from 'vitest';
import { ApiServer } from '../engine/api/apiserver';
import { builtinRegistry } from '../engine/api/kinds';
import type { ResourceType } from '../engine/api/resources';
import { SimClock } from '../engine/clock';
import { SeededRandom } from '../engine/random';
import { Trace } from '../engine/trace';
import { expandCategory, resolveResourceArgs } from './resource-args';

const clock = new SimClock(Date.UTC(2026, 0, 5, 9, 0, 0));
const api = new ApiServer({ clock, random: new SeededRandom(1), trace: new Trace(() => clock.now()), registry: builtinRegistry() });
const env = { api };

const summary = (args: string[], opts = {}) => resolveResourceArgs(args, env, opts).map((r) => `${r.type.plural}:${r.names.join('+')}`);

describe('resource arguments', () => {
  it('[KC-GET1] types by plural, singular, short name and kind, alone or in comma lists', () => {
    expect(summary(['pods'])).toEqual(['pods:']);
    expect(summary(['po'])).toEqual(['pods:']);
    expect(summary(['Pod'])).toEqual(['pods:']);
    expect(summary(['deploy,rs,po,deploy'])).toEqual(['deployments:', 'replicasets:', 'pods:']);
    expect(summary(['deployments.apps'])).toEqual(['deployments:']);
    expect(summary(['deployments.v1.apps'])).toEqual(['deployments:']);
  });

  it('[KC-GET1] names after a type, type/name tuples, and several types with names', () => {
    expect(summary(['pods', 'web', 'db'])).toEqual(['pods:web+db']);
    expect(summary(['pod/web', 'deployment.apps/web'])).toEqual(['pods:web', 'deployments:web']);
    expect(summary(['deploy,rs', 'web', 'db'])).toEqual(['deployments:web', 'deployments:db', 'replicasets:web', 'replicasets:db']);
  });

  it('[KC-GET2] all expands in discovery order: core, then apps, autoscaling, batch, each alphabetical', () => {
    const registry = builtinRegistry();
    const extra = (kind: string, group: string, plural: string): ResourceType => ({ ...registry.mustKind('Pod'), kind, group, plural, singular: plural.slice(0, -1), shortNames: [] });
    const wanted: Array<[string, string, string]> = [
      ['Job', 'batch', 'jobs'],
      ['CronJob', 'batch', 'cronjobs'],
      ['StatefulSet', 'apps', 'statefulsets'],
      ['HorizontalPodAutoscaler', 'autoscaling', 'horizontalpodautoscalers'],
      ['ReplicationController', '', 'replicationcontrollers'],
    ];
    for (const [kind, group, plural] of wanted) if (!registry.byKindName(kind)) registry.register(extra(kind, group, plural));
    const order = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];
    const got = expandCategory(registry, 'all').map((t) => t.plural);
    expect(got).toEqual(order.filter((p) => got.includes(p)));
    expect(got).toEqual(expect.arrayContaining(['pods', 'services', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs']));
    expect(summary(['all'])).toEqual(expandCategory(api.registry, 'all').map((t) => `${t.plural}:`));
  });

  it('[KC-GET3] errors in kubectl\'s words', () => {
    expect(() => summary(['foo'])).toThrow('error: the server doesn\'t have a resource type "foo"');
    expect(() => summary(['pods', 'pod/web'])).toThrow(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
    expect(() => summary(['pod/a/b'])).toThrow('error: arguments in resource/name form may not have more than one slash');
    expect(() => summary(['pods,svc/web'])).toThrow('error: arguments in resource/name form must have a single resource and name');
    expect(() => summary(['pods', 'web'], { hasSelector: true })).toThrow('error: name cannot be provided when a selector is specified');
    expect(() => summary(['pods', 'web'], { allNamespaces: true })).toThrow('error: a resource cannot be retrieved by name across all namespaces');
  });
});
