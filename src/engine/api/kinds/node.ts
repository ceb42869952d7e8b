import type { FieldError } from '../../apimachinery/validation';
import { duplicate, goQuote, invalid, notSupported, required } from '../../apimachinery/validation';
import { validateLabelKey, validateLabelValue } from '../../apimachinery/labels';
import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';
import { goAwareValidation, GoLiteral } from './goformat';
import { asRecord, metaNameErrors, validateMetaMaps } from './meta';
import { defaultResourceList } from './podspec';

/**
 * Nodes: SetDefaults_NodeStatus (allocatable defaults to capacity; quantities canonical) and the
 * taint checks of ValidateNode. Nothing else is special: the kubelet registers its own Node.
 */
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaints(obj: KubeObject): FieldError[] {
  const errs = validateMetaMaps(obj.metadata);
  const taints = asRecord(obj.spec)?.taints;
  const seen = new Set<string>();
  (Array.isArray(taints) ? taints : []).forEach((raw, i) => {
    const t = asRecord(raw) ?? {};
    const at = `spec.taints[${i}]`;
    const key = typeof t.key === 'string' ? t.key : '';
    const value = typeof t.value === 'string' ? t.value : '';
    const effect = typeof t.effect === 'string' ? t.effect : '';
    for (const m of validateLabelKey(key)) errs.push(invalid(`${at}.key`, key, m));
    const vmsgs = validateLabelValue(value);
    if (vmsgs.length) errs.push(invalid(`${at}.value`, value, vmsgs.join(';')));
    if (!effect) errs.push(required(`${at}.effect`));
    else if (!EFFECTS.includes(effect)) errs.push(notSupported(`${at}.effect`, effect, EFFECTS));
    const unique = `${effect}\u0000${key}`;
    if (seen.has(unique)) {
      const go = `core.Taint{Key:${goQuote(key)}, Value:${goQuote(value)}, Effect:${goQuote(effect)}, TimeAdded:(*v1.Time)(nil)}`;
      errs.push({ ...duplicate(at, new GoLiteral(go)), detail: 'taints must be unique by key and effect pair' });
    }
    seen.add(unique);
  });
  return errs;
}

const validation = goAwareValidation(validateTaints, undefined, (o) => metaNameErrors(nodeType)(o));

export const nodeType: ResourceType = {
  kind: 'Node',
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  categories: [],
  statusSubresource: true,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  fieldSelectors: {
    'spec.unschedulable': (o: KubeObject) => String((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false),
  },
  strategy: {
    defaults(obj) {
      const status = asRecord(obj.status);
      if (!status) return;
      defaultResourceList(obj, status.capacity);
      defaultResourceList(obj, status.allocatable);
      if (status.allocatable === undefined && status.capacity !== undefined) status.allocatable = { ...(asRecord(status.capacity) ?? {}) };
    },
    validate: validation.validate,
    validateUpdate: validation.validateUpdate,
  },
};
