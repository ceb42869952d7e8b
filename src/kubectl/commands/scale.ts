import { StatusError } from '../../engine/api/errors';
import { KubectlError } from '../errors';
import { checkOutputFormat, printStructured } from '../outfallback';
import { isTargetError, resolveTargets } from '../targets';
import type { Command, FlagSpec } from '../types';
import { dryRunFlag, filenameFlags, filenames, printFlags, selectorFlag } from '../writeflags';
import { dryRunStrategy, helpText, nameLine, Outcome, requireFlags, withDryRun } from '../writeutil';
import { durationFlag } from './delete';

/**
 * `kubectl scale` (pkg/cmd/scale/scale.go, pkg/scale): sets spec.replicas through the scale
 * subresource, after checking the --current-replicas and --resource-version preconditions.
 */

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

const flags: FlagSpec[] = [
  {
    name: 'all',
    type: 'bool',
    usage: 'Select all resources in the namespace of the specified resource types',
  },
  {
    name: 'current-replicas',
    type: 'int',
    default: -1,
    usage:
      'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.',
  },
  dryRunFlag,
  ...printFlags,
  ...filenameFlags('identifying the resource to set a new size'),
  { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
  {
    name: 'resource-version',
    type: 'string',
    usage:
      'Precondition for resource version. Requires that the current resource version match this value in order to scale.',
  },
  selectorFlag,
  {
    name: 'timeout',
    type: 'duration',
    default: '0s',
    usage:
      "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
  },
];

export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  help: helpText({
    long: [
      'Set a new size for a deployment, replica set, replication controller, or stateful set.',
      'Scale also allows users to specify one or more preconditions for the scale action.',
      'If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.',
    ],
    examples: [
      "# Scale a replica set named 'foo' to 3",
      'kubectl scale --replicas=3 rs/foo',
      '',
      '# Scale a resource identified by type and name specified in "foo.yaml" to 3',
      'kubectl scale --replicas=3 -f foo.yaml',
      '',
      "# If the deployment named mysql's current size is 2, scale mysql to 3",
      'kubectl scale --current-replicas=2 --replicas=3 deployment/mysql',
      '',
      '# Scale multiple replication controllers',
      'kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3',
      '',
      "# Scale stateful set named 'web' to 3",
      'kubectl scale --replicas=3 statefulset/web',
    ],
    use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
    flags,
  }),
  flags,
  run(args, f, env) {
    requireFlags(f, ['replicas']);
    const replicas = f.int('replicas');
    const { strategy: dryRun, warning } = dryRunStrategy(f);
    const output = f.string('output');
    checkOutputFormat(output);
    durationFlag(f, 'timeout');
    if (replicas < 0)
      throw new KubectlError(
        'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      );
    const current = f.int('current-replicas');
    const rv = f.string('resource-version');
    const entries = resolveTargets(args, env, {
      filenames: filenames(f.strings('filename')),
      recursive: f.bool('recursive'),
      selector: f.string('selector'),
      all: f.bool('all'),
      fetch: true,
    });
    const o = new Outcome();
    if (warning) o.err(warning);
    let counter = 0;
    for (const e of entries) {
      if (isTargetError(e)) {
        o.fail(e.error);
        continue;
      }
      counter++;
      const print = (obj: unknown) =>
        o.out(
          output && output !== 'name'
            ? printStructured(obj, output)
            : nameLine(e.type, e.name, withDryRun('scaled', dryRun), output === 'name'),
        );
      if (dryRun === 'client') {
        print(e.obj);
        continue;
      }
      try {
        if (!SCALABLE.includes(e.type.kind)) {
          throw new StatusError({
            reason: 'NotFound',
            code: 404,
            message: 'the server could not find the requested resource',
          });
        }
        if (rv && e.obj?.metadata.resourceVersion !== rv) {
          throw new KubectlError(
            `Expected resource version to be ${rv}, was ${e.obj?.metadata.resourceVersion ?? ''}`,
          );
        }
        const live = env.api.getScale(e.type.kind, e.namespace!, e.name);
        if (current !== -1 && live.replicas !== current) {
          throw new KubectlError(`Expected replicas to be ${current}, was ${live.replicas}`);
        }
        const scaled = env.api.updateScale(e.type.kind, e.namespace!, e.name, replicas, {
          dryRun: dryRun === 'server',
          user: 'kubectl',
          ...(rv ? { resourceVersion: rv } : {}),
        });
        print(scaled);
      } catch (err) {
        o.fail(err);
      }
    }
    if (counter === 0 && !o.errors.length) throw new KubectlError('no objects passed to scale');
    return o.result();
  },
};
