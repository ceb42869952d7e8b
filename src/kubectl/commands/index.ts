import type { Command } from '../types';
import { getCommand } from './get';
import { describeCommand } from './describe';
import { apiResourcesCommand, apiVersionsCommand, clusterInfoCommand, explainCommand, versionCommand } from './info';
import { applyCommand } from './apply';
import { createCommands } from './create';
import { createExtraCommands } from './create-extra';
import { deleteCommand } from './delete';
import { drainCommand } from './drain';
import { eventsCommand } from './events';
import { execCommand } from './exec';
import { exposeCommand } from './expose';
import { annotateCommand, labelCommand } from './label';
import { logsCommand } from './logs';
import { nodeCommands } from './node';
import { patchCommand } from './patch';
import { rolloutCommands } from './rollout';
import { runCommand } from './run';
import { scaleCommand } from './scale';
import { setCommands } from './set';

/**
 * Every kubectl command, in the order `kubectl --help` lists them. Each lives in its own file in this
 * folder; adding one is writing it and listing it here.
 */
export const commands: Command[] = [
  ...createCommands,
  applyCommand,
  ...createExtraCommands,
  deleteCommand,
  exposeCommand,
  runCommand,
  scaleCommand,
  ...rolloutCommands,
  ...setCommands,
  labelCommand,
  annotateCommand,
  patchCommand,
  ...nodeCommands,
  drainCommand,
  logsCommand,
  execCommand,
  eventsCommand,
  explainCommand,
  getCommand,
  describeCommand,
  clusterInfoCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  versionCommand,
];
