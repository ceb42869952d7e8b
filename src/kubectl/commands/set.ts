import { KubectlError } from '../errors';
import { checkOutputFormat } from '../outfallback';
import type { Command } from '../types';
import { filenames } from '../writeflags';
import { helpText } from '../writeutil';
import { parsePairs } from './run';
import { commonFlags, fetchTargets, patchEach, resourcesAndPairs } from './set-common';
import { setEnvCommand } from './set-env';

/**
 * `kubectl set image` and `kubectl set env` (pkg/cmd/set): edit the pod template (or a pod's
 * spec) locally, then send the two-way strategic merge patch. An object left unchanged prints
 * nothing, as kubectl skips empty patches.
 */

// ------------------------------------------------------------------------------------ set image

const imageFlags = commonFlags('identifying the resource to get from a server.');

const setImageCommand: Command = {
  name: 'set image',
  short: 'Update the image of a pod template',
  help: helpText({
    long: [
      'Update existing container image(s) of resources.',
      'Possible resources include (case insensitive):',
      'pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    ],
    examples: [
      "# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'",
      'kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1',
      '',
      "# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'",
      'kubectl set image deployments,rc nginx=nginx:1.9.1 --all',
      '',
      "# Update image of all containers of daemonset abc to 'nginx:1.9.1'",
      'kubectl set image daemonset abc *=nginx:1.9.1',
      '',
      '# Print result (in yaml format) of updating nginx container image from local file, without hitting the server',
      'kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml',
    ],
    use: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
    flags: imageFlags,
  }),
  flags: imageFlags,
  run(args, f, env) {
    const { resources, pairs } = resourcesAndPairs(args, 'image');
    const images = parsePairs(pairs, 'image');
    checkOutputFormat(f.string('output'));
    const errs: string[] = [];
    if (f.bool('all') && f.string('selector')) errs.push('cannot set --all and --selector at the same time');
    if (!resources.length && !filenames(f.strings('filename')).length) {
      errs.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    }
    if (!Object.keys(images).length) errs.push('at least one image update is required');
    else if (Object.keys(images).length > 1 && '*' in images) {
      errs.push(
        'all containers are already specified by *, but saw more than one container_name=container_image pairs',
      );
    }
    if (errs.length) throw new KubectlError(errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
    const missing: string[] = [];
    const result = patchEach(
      fetchTargets(resources, f, env),
      f,
      env,
      'image updated',
      (_obj, spec) => {
        for (const [name, image] of Object.entries(images)) {
          let found = false;
          for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
            if (c.name === name || name === '*') {
              c.image = image;
              found = true;
            }
          }
          if (!found) missing.push(`unable to find container named "${name}"`);
        }
      },
      'failed to patch image update to pod template',
    );
    if (!missing.length) return result;
    const errors = [...missing, ...(result.stderr ? [result.stderr.trimEnd()] : [])];
    return {
      stdout: result.stdout,
      stderr: errors.length === 1 ? `error: ${errors[0]}\n` : errors.map((e) => e + '\n').join(''),
      exitCode: 1,
    };
  },
};

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  help: SET_HELP,
  flags: [],
  run(args) {
    if (args.length)
      return {
        stdout: '',
        stderr: `error: unknown command "${args[0]}" for "kubectl set"\nSee 'kubectl set -h' for help and examples\n`,
        exitCode: 1,
      };
    return { stdout: '', stderr: SET_HELP, exitCode: 1 };
  },
};

export const setCommands: Command[] = [setCommand, setImageCommand, setEnvCommand];
