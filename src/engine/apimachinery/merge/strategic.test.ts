import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { PatchError } from './errors';
import { lookupPatchMeta, patchMetaFor, patchMetaFromTable, type PatchTypeTable } from './patchmeta';
import { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch } from './strategic';

/**
 * The test type of apimachinery's strategicpatch tests (MergeItem), expressed as a patch table:
 * one list of each kind, a replace-strategy object and retainKeys union types.
 */
const MERGE_ITEM: PatchTypeTable = {
  MergeItem: {
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    nonMergingList: { type: 'MergeItem' },
    mergingIntList: { strategy: 'merge' },
    mergeItemPtr: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    replacingItem: { strategy: 'replace' },
    retainKeysMap: { retainKeys: true, type: 'RetainKeysMergeItem' },
    retainKeysMergingList: { strategy: 'merge', retainKeys: true, mergeKey: 'name', type: 'MergeItem' },
  },
  RetainKeysMergeItem: {
    mergingIntList: { strategy: 'merge' },
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    nonMergingList: { type: 'MergeItem' },
  },
};
const META = patchMetaFromTable(MERGE_ITEM, 'MergeItem');

type Doc = Record<string, unknown>;

interface Case {
  description: string;
  /** rule id when it differs from the group's */
  id?: string;
  /** last-applied; absent means the object was never applied */
  original?: Doc;
  twoWay: Doc;
  modified: Doc;
  /** the two-way patch applied to original gives this (default: modified) */
  twoWayResult?: Doc;
  current?: Doc;
  threeWay?: Doc;
  result?: Doc;
}

/** Freezing every input proves the functions never write to what they are given. */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

function loadCases(yamlText: string): Case[] {
  return deepFreeze(parse(yamlText) as Case[]);
}

function runCase(c: Case): void {
  const original = c.original ?? {};
  expect(createTwoWayMergePatch(original, c.modified, META), 'two-way patch').toEqual(c.twoWay);
  expect(applyStrategicMergePatch(original, c.twoWay, META), 'two-way result').toEqual(c.twoWayResult ?? c.modified);
  if (c.current) {
    expect(createThreeWayMergePatch(c.original, c.modified, c.current, META), 'three-way patch').toEqual(c.threeWay);
    expect(applyStrategicMergePatch(c.current, c.threeWay ?? {}, META), 'three-way result').toEqual(c.result);
  }
}

// Cases modelled on k8s.io/apimachinery/pkg/util/strategicpatch patch_test.go: for each, the
// two-way patch original -> modified, the three-way patch kubectl apply would send, and the object
// each produces.
const FIELD_CASES = loadCases(`
- description: an added field is sent; a field only the live object has survives
  original: {name: web}
  modified: {name: web, value: v1}
  twoWay: {value: v1}
  current: {name: web, other: live}
  threeWay: {value: v1}
  result: {name: web, value: v1, other: live}

- description: without last-applied the manifest is sent, live-only fields survive
  modified: {name: web, value: v1}
  twoWay: {name: web, value: v1}
  current: {name: web, other: live}
  threeWay: {value: v1}
  result: {name: web, value: v1, other: live}

- description: a field changed on the live object is set back to the manifest value
  original: {name: web}
  modified: {name: web, value: v1}
  twoWay: {value: v1}
  current: {name: drifted, other: live}
  threeWay: {name: web, value: v1}
  result: {name: web, value: v1, other: live}

- description: a field dropped from the manifest is deleted
  original: {name: web}
  modified: {value: v1}
  twoWay: {name: null, value: v1}
  current: {name: web, other: live}
  threeWay: {name: null, value: v1}
  result: {value: v1, other: live}

- description: a key dropped from a nested map is deleted, live-only keys stay
  original: {simpleMap: {k1: a, k2: b}}
  modified: {simpleMap: {k1: a}}
  twoWay: {simpleMap: {k2: null}}
  current: {simpleMap: {k1: a, k2: b, k3: live}}
  threeWay: {simpleMap: {k2: null}}
  result: {simpleMap: {k1: a, k3: live}}

- description: a nested key changed live is reset while another is deleted
  original: {simpleMap: {k1: a, k2: b}}
  modified: {simpleMap: {k1: a}}
  twoWay: {simpleMap: {k2: null}}
  current: {simpleMap: {k1: drifted, k2: b, k3: live}}
  threeWay: {simpleMap: {k1: a, k2: null}}
  result: {simpleMap: {k1: a, k3: live}}

- description: an emptied manifest leaves only what the live object added
  original: {name: web, value: v1}
  modified: {}
  twoWay: {name: null, value: null}
  current: {name: web, value: v1, other: live}
  threeWay: {name: null, value: null}
  result: {other: live}

- description: an explicit null in the manifest deletes the live field
  original: {name: old}
  modified: {name: new, value: v1, other: null}
  twoWay: {name: new, value: v1, other: null}
  twoWayResult: {name: new, value: v1}
  current: {name: drifted, other: live}
  threeWay: {name: new, value: v1, other: null}
  result: {name: new, value: v1}

- description: an untagged list is atomic and replaced whole
  original: {nonMergingIntList: [1, 2]}
  modified: {nonMergingIntList: [2, 3]}
  twoWay: {nonMergingIntList: [2, 3]}
  current: {nonMergingIntList: [1, 4]}
  threeWay: {nonMergingIntList: [2, 3]}
  result: {nonMergingIntList: [2, 3]}

- description: a patchStrategy replace object is sent whole and replaces the live one
  id: MRG14
  original: {name: obj, replacingItem: {Some: Generic, Field: Period}}
  modified: {name: obj, replacingItem: {Newly: Modified}}
  twoWay: {replacingItem: {Newly: Modified}}
  current: {name: obj, mergingList: [{name: a}], replacingItem: {Some: Generic, Field: Period}}
  threeWay: {replacingItem: {Newly: Modified}}
  result: {name: obj, mergingList: [{name: a}], replacingItem: {Newly: Modified}}

- description: the same object gives empty patches
  original: {name: web, mergingList: [{name: a}], mergingIntList: [1]}
  modified: {name: web, mergingList: [{name: a}], mergingIntList: [1]}
  twoWay: {}
  current: {name: web, mergingList: [{name: a}], mergingIntList: [1], other: live}
  threeWay: {}
  result: {name: web, mergingList: [{name: a}], mergingIntList: [1], other: live}
`);

const MERGING_LIST_CASES = loadCases(`
- description: items added to a merged list keep the live items and their live fields
  original: {mergingList: [{name: a}, {name: b, value: two}]}
  modified: {mergingList: [{name: d, value: four}, {name: a}, {name: b, value: two}, {name: c, value: three}]}
  twoWay:
    $setElementOrder/mergingList: [{name: d}, {name: a}, {name: b}, {name: c}]
    mergingList: [{name: d, value: four}, {name: c, value: three}]
  current: {mergingList: [{name: a, other: x}, {name: b, value: two, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: d}, {name: a}, {name: b}, {name: c}]
    mergingList: [{name: d, value: four}, {name: c, value: three}]
  result:
    mergingList: [{name: d, value: four}, {name: a, other: x}, {name: b, value: two, other: y}, {name: c, value: three}]

- description: an item changed on the live object is reset while a new one is appended
  original: {mergingList: [{name: a}, {name: b, value: two}]}
  modified: {mergingList: [{name: a}, {name: b, value: two}, {name: c, value: three}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}]
    mergingList: [{name: c, value: three}]
  current: {mergingList: [{name: a, other: x}, {name: b, value: drifted, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}]
    mergingList: [{name: b, value: two}, {name: c, value: three}]
  result: {mergingList: [{name: a, other: x}, {name: b, value: two, other: y}, {name: c, value: three}]}

- description: a field added to one item leaves the other items alone
  original: {mergingList: [{name: a}, {name: b, value: two}]}
  modified: {mergingList: [{name: a, value: one}, {name: b, value: two}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: one}]
  current: {mergingList: [{name: a, other: x}, {name: b, value: two, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: one}]
  result: {mergingList: [{name: a, value: one, other: x}, {name: b, value: two, other: y}]}

- description: an item the live object lost is sent again; a live-only item stays
  original: {mergingList: [{name: a}, {name: b, value: two}]}
  modified: {mergingList: [{name: a, value: one}, {name: b, value: two}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: one}]
  current: {mergingList: [{name: a, other: x}, {name: c, value: two, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: one}, {name: b, value: two}]
  result: {mergingList: [{name: a, value: one, other: x}, {name: b, value: two}, {name: c, value: two, other: y}]}

- description: nothing is sent when the live object already has the change
  original: {mergingList: [{name: a}, {name: b, value: two}]}
  modified: {mergingList: [{name: a, value: one}, {name: b, value: two}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: one}]
  current: {mergingList: [{name: a, value: one, other: x}, {name: b, value: two, other: y}]}
  threeWay: {}
  result: {mergingList: [{name: a, value: one, other: x}, {name: b, value: two, other: y}]}

- description: an item removed from the manifest is deleted with a delete directive
  original: {mergingList: [{name: a}, {name: b}]}
  modified: {mergingList: [{name: b}]}
  twoWay:
    $setElementOrder/mergingList: [{name: b}]
    mergingList: [{name: a, $patch: delete}]
  current: {mergingList: [{name: a, other: x}, {name: b, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: b}]
    mergingList: [{name: a, $patch: delete}]
  result: {mergingList: [{name: b, other: y}]}

- description: deleting an item the live object no longer has changes nothing else
  original: {mergingList: [{name: a}, {name: b}]}
  modified: {mergingList: [{name: b}]}
  twoWay:
    $setElementOrder/mergingList: [{name: b}]
    mergingList: [{name: a, $patch: delete}]
  current: {mergingList: [{name: b, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: b}]
    mergingList: [{name: a, $patch: delete}]
  result: {mergingList: [{name: b, other: y}]}

- description: a deleted item and a re-sent item, next to a live-only item
  original: {mergingList: [{name: a}, {name: b}]}
  modified: {mergingList: [{name: b}]}
  twoWay:
    $setElementOrder/mergingList: [{name: b}]
    mergingList: [{name: a, $patch: delete}]
  current: {mergingList: [{name: c, other: x}]}
  threeWay:
    $setElementOrder/mergingList: [{name: b}]
    mergingList: [{name: b}, {name: a, $patch: delete}]
  result: {mergingList: [{name: b}, {name: c, other: x}]}

- description: one item added and one deleted
  original: {mergingList: [{name: a}, {name: b}]}
  modified: {mergingList: [{name: b}, {name: c}]}
  twoWay:
    $setElementOrder/mergingList: [{name: b}, {name: c}]
    mergingList: [{name: c}, {name: a, $patch: delete}]
  current: {mergingList: [{name: a}, {name: b, other: y}, {name: d, other: z}]}
  threeWay:
    $setElementOrder/mergingList: [{name: b}, {name: c}]
    mergingList: [{name: c}, {name: a, $patch: delete}]
  result: {mergingList: [{name: b, other: y}, {name: c}, {name: d, other: z}]}

- description: emptying a merged list sends one delete directive per item
  original: {mergingList: [{name: a}, {name: b}]}
  modified: {mergingList: []}
  twoWay: {mergingList: [{name: a, $patch: delete}, {name: b, $patch: delete}]}
  current: {mergingList: [{name: a, other: x}, {name: b, other: y}]}
  threeWay: {mergingList: [{name: a, $patch: delete}, {name: b, $patch: delete}]}
  result: {mergingList: []}

- description: a field dropped from one item is deleted from it
  original: {mergingList: [{name: a, value: one}, {name: b, value: two}]}
  modified: {mergingList: [{name: a}, {name: b, value: two}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: null}]
  current: {mergingList: [{name: a, value: one, other: x}, {name: b, value: two, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: null}]
  result: {mergingList: [{name: a, other: x}, {name: b, value: two, other: y}]}

- description: deletions from one item and resets of another are combined in order
  original: {mergingList: [{name: a, value: one}, {name: b, value: two}]}
  modified: {mergingList: [{name: a}, {name: b, value: two}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: null}]
  current: {mergingList: [{name: a, other: x}, {name: b, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, value: null}, {name: b, value: two}]
  result: {mergingList: [{name: a, other: x}, {name: b, value: two, other: y}]}

- description: an untagged list inside a merged item is replaced
  original: {mergingList: [{name: a, nonMergingList: [{name: a}, {name: b, value: two}]}, {name: b}]}
  modified: {mergingList: [{name: a, nonMergingList: [{name: a, value: one}]}, {name: b}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, nonMergingList: [{name: a, value: one}]}]
  current: {mergingList: [{name: a, other: x, nonMergingList: [{name: b, value: two}]}, {name: b, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList: [{name: a, nonMergingList: [{name: a, value: one}]}]
  result: {mergingList: [{name: a, other: x, nonMergingList: [{name: a, value: one}]}, {name: b, other: y}]}

- description: a merged list inside a merged item merges recursively
  original: {mergingList: [{name: a, mergingList: [{name: a}, {name: b, value: two}]}, {name: b}]}
  modified: {mergingList: [{name: a, mergingList: [{name: a, value: one}, {name: b, value: two}]}, {name: b}]}
  twoWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList:
      - name: a
        $setElementOrder/mergingList: [{name: a}, {name: b}]
        mergingList: [{name: a, value: one}]
  current:
    mergingList:
      - {name: a, other: x, mergingList: [{name: a, value: drift, other: c}, {name: b, value: drift, other: d}]}
      - {name: b, other: y}
  threeWay:
    $setElementOrder/mergingList: [{name: a}, {name: b}]
    mergingList:
      - name: a
        $setElementOrder/mergingList: [{name: a}, {name: b}]
        mergingList: [{name: a, value: one}, {name: b, value: two}]
  result:
    mergingList:
      - {name: a, other: x, mergingList: [{name: a, value: one, other: c}, {name: b, value: two, other: d}]}
      - {name: b, other: y}

- description: a merged list reached through a pointer field
  original: {mergeItemPtr: [{name: a}]}
  modified: {mergeItemPtr: [{name: a}, {name: b}]}
  twoWay:
    $setElementOrder/mergeItemPtr: [{name: a}, {name: b}]
    mergeItemPtr: [{name: b}]
  current: {mergeItemPtr: [{name: c}]}
  threeWay:
    $setElementOrder/mergeItemPtr: [{name: a}, {name: b}]
    mergeItemPtr: [{name: a}, {name: b}]
  result: {mergeItemPtr: [{name: a}, {name: b}, {name: c}]}

- description: an item added at the front keeps the manifest order
  original: {mergingList: [{name: a}, {name: b, value: two}]}
  modified: {mergingList: [{name: c, value: three}, {name: a}, {name: b, value: two}]}
  twoWay:
    $setElementOrder/mergingList: [{name: c}, {name: a}, {name: b}]
    mergingList: [{name: c, value: three}]
  current: {mergingList: [{name: a, other: x}, {name: b, value: two, other: y}]}
  threeWay:
    $setElementOrder/mergingList: [{name: c}, {name: a}, {name: b}]
    mergingList: [{name: c, value: three}]
  result: {mergingList: [{name: c, value: three}, {name: a, other: x}, {name: b, value: two, other: y}]}

- description: a reordered list sends only the new order
  original: {mergingList: [{name: a}, {name: c, value: three}, {name: d, value: four}, {name: b, value: two}]}
  modified: {mergingList: [{name: d, value: four}, {name: b, value: two}, {name: c, value: three}, {name: a}]}
  twoWay:
    $setElementOrder/mergingList: [{name: d}, {name: b}, {name: c}, {name: a}]
  current: {mergingList: [{name: a, other: x}, {name: c, value: three}, {name: d, value: four}, {name: b, value: two}, {name: i}]}
  threeWay:
    $setElementOrder/mergingList: [{name: d}, {name: b}, {name: c}, {name: a}]
  result: {mergingList: [{name: d, value: four}, {name: b, value: two}, {name: c, value: three}, {name: a, other: x}, {name: i}]}

- description: live-only items keep their place between reordered items
  original: {mergingList: [{name: a}, {name: b, value: two}, {name: c, value: three}, {name: d, value: four}]}
  modified: {mergingList: [{name: b, value: two}, {name: a}, {name: d, value: four}, {name: c, value: three}]}
  twoWay:
    $setElementOrder/mergingList: [{name: b}, {name: a}, {name: d}, {name: c}]
  current: {mergingList: [{name: a, other: x}, {name: b, value: two}, {name: g}, {name: i}, {name: h}, {name: c, value: three}, {name: d, value: four}]}
  threeWay:
    $setElementOrder/mergingList: [{name: b}, {name: a}, {name: d}, {name: c}]
  result: {mergingList: [{name: b, value: two}, {name: a, other: x}, {name: g}, {name: i}, {name: h}, {name: d, value: four}, {name: c, value: three}]}

- description: a deletion in one list and a reorder in another
  original: {mergingList: [{name: a, value: a}, {name: b, value: b}], mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]}
  modified: {mergingList: [{name: b, value: b}], mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]}
  twoWay:
    $setElementOrder/mergingList: [{name: b}]
    $setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
    mergingList: [{name: a, $patch: delete}]
  current: {mergingList: [{name: a, value: a}, {name: b, value: b}], mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]}
  threeWay:
    $setElementOrder/mergingList: [{name: b}]
    $setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
    mergingList: [{name: a, $patch: delete}]
  result: {mergingList: [{name: b, value: b}], mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]}

- description: a list turned into an object is replaced
  original: {mergingList: [{name: a}, {name: a}]}
  modified: {mergingList: {}}
  twoWay: {mergingList: {}}
  current: {mergingList: [{name: a}, {name: a}]}
  threeWay: {mergingList: {}}
  result: {mergingList: {}}
`);

const SCALAR_LIST_CASES = loadCases(`
- description: values dropped from a merged scalar list use a deletion list
  original: {mergingIntList: [1, 2, 3]}
  modified: {mergingIntList: [1, 2]}
  twoWay:
    $setElementOrder/mergingIntList: [1, 2]
    $deleteFromPrimitiveList/mergingIntList: [3]
  current: {mergingIntList: [1, 2, 3, 4]}
  threeWay:
    $setElementOrder/mergingIntList: [1, 2]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result: {mergingIntList: [1, 2, 4]}

- description: a deletion removes every copy of the value
  original: {mergingIntList: [1, 2, 3, 3]}
  modified: {mergingIntList: [1, 2]}
  twoWay:
    $setElementOrder/mergingIntList: [1, 2]
    $deleteFromPrimitiveList/mergingIntList: [3]
  current: {mergingIntList: [1, 2, 3, 3, 4]}
  threeWay:
    $setElementOrder/mergingIntList: [1, 2]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result: {mergingIntList: [1, 2, 4]}

- description: a value added and one deleted; the live object already has the addition
  original: {mergingIntList: [1, 2, 3]}
  modified: {mergingIntList: [1, 2, 4]}
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 4]
    $deleteFromPrimitiveList/mergingIntList: [3]
    mergingIntList: [4]
  current: {mergingIntList: [1, 2, 3, 4]}
  threeWay:
    $setElementOrder/mergingIntList: [1, 2, 4]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result: {mergingIntList: [1, 2, 4]}

- description: an added value merges with live-only values
  original: {mergingIntList: [1, 2]}
  modified: {mergingIntList: [1, 2, 3]}
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 3]
    mergingIntList: [3]
  current: {mergingIntList: [1, 2, 4]}
  threeWay:
    $setElementOrder/mergingIntList: [1, 2, 3]
    mergingIntList: [3]
  result: {mergingIntList: [1, 2, 3, 4]}

- description: a value the live object already has is not sent again
  original: {mergingIntList: [1, 2]}
  modified: {mergingIntList: [1, 2, 3]}
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 3]
    mergingIntList: [3]
  current: {mergingIntList: [1, 2, 3]}
  threeWay: {}
  result: {mergingIntList: [1, 2, 3]}

- description: a value added at the front, with a live-only value in the middle
  original: {mergingIntList: [1, 2]}
  modified: {mergingIntList: [3, 1, 2]}
  twoWay:
    $setElementOrder/mergingIntList: [3, 1, 2]
    mergingIntList: [3]
  current: {mergingIntList: [1, 4, 2]}
  threeWay:
    $setElementOrder/mergingIntList: [3, 1, 2]
    mergingIntList: [3]
  result: {mergingIntList: [3, 1, 4, 2]}

- description: a value deleted and the rest reordered
  original: {mergingIntList: [1, 3, 2]}
  modified: {mergingIntList: [4, 2, 1]}
  twoWay:
    $setElementOrder/mergingIntList: [4, 2, 1]
    $deleteFromPrimitiveList/mergingIntList: [3]
    mergingIntList: [4]
  current: {mergingIntList: [1, 2, 3]}
  threeWay:
    $setElementOrder/mergingIntList: [4, 2, 1]
    $deleteFromPrimitiveList/mergingIntList: [3]
    mergingIntList: [4]
  result: {mergingIntList: [4, 2, 1]}

- description: reordering into sorted order sends nothing (apimachinery sorts the original in place)
  original: {mergingIntList: [3, 1]}
  modified: {mergingIntList: [1, 3]}
  twoWay: {}
  twoWayResult: {mergingIntList: [3, 1]}

- description: reordered values with live-only values in between
  original: {mergingIntList: [1, 2, 3, 4]}
  modified: {mergingIntList: [2, 1, 4, 3]}
  twoWay:
    $setElementOrder/mergingIntList: [2, 1, 4, 3]
  current: {mergingIntList: [1, 2, 7, 9, 8, 3, 4]}
  threeWay:
    $setElementOrder/mergingIntList: [2, 1, 4, 3]
  result: {mergingIntList: [2, 1, 7, 9, 8, 4, 3]}
`);

const RETAIN_KEYS_CASES = loadCases(`
- description: retainKeys clears a field the server defaulted
  original: {}
  modified: {retainKeysMap: {other: bar}}
  twoWay: {retainKeysMap: {other: bar}}
  current: {retainKeysMap: {value: defaulted}}
  threeWay: {retainKeysMap: {$retainKeys: [other], other: bar}}
  result: {retainKeysMap: {other: bar}}

- description: retainKeys switches a union to another member
  original: {}
  modified: {retainKeysMap: {name: type2, other: bar}}
  twoWay: {retainKeysMap: {name: type2, other: bar}}
  current: {retainKeysMap: {name: type1, value: foo}}
  threeWay: {retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}}
  result: {retainKeysMap: {name: type2, other: bar}}

- description: retainKeys lists every kept field when one is added
  original: {retainKeysMap: {name: foo}}
  modified: {retainKeysMap: {name: foo, value: bar}}
  twoWay: {retainKeysMap: {$retainKeys: [name, value], value: bar}}
  current: {retainKeysMap: {name: foo, other: live}}
  threeWay: {retainKeysMap: {$retainKeys: [name, value], value: bar}}
  result: {retainKeysMap: {name: foo, value: bar}}

- description: retainKeys with a deleted field
  original: {retainKeysMap: {name: foo, value: bar}}
  modified: {retainKeysMap: {name: foo}}
  twoWay: {retainKeysMap: {$retainKeys: [name], value: null}}
  current: {retainKeysMap: {name: foo, value: bar, other: live}}
  threeWay: {retainKeysMap: {$retainKeys: [name], value: null}}
  result: {retainKeysMap: {name: foo}}

- description: an unchanged retainKeys map still clears a live-only field
  original: {retainKeysMap: {name: foo, value: bar}}
  modified: {retainKeysMap: {name: foo, value: bar}}
  twoWay: {}
  current: {retainKeysMap: {name: foo, value: bar, other: live}}
  threeWay: {retainKeysMap: {$retainKeys: [name, value]}}
  result: {retainKeysMap: {name: foo, value: bar}}

- description: retainKeys next to a nested map change
  original: {retainKeysMap: {name: foo, simpleMap: {k1: a, k2: b}}}
  modified: {retainKeysMap: {name: foo, simpleMap: {k1: a}}}
  twoWay: {retainKeysMap: {$retainKeys: [name, simpleMap], simpleMap: {k2: null}}}
  current: {retainKeysMap: {name: foo, simpleMap: {k1: a, k2: b, k3: live}}}
  threeWay: {retainKeysMap: {$retainKeys: [name, simpleMap], simpleMap: {k2: null}}}
  result: {retainKeysMap: {name: foo, simpleMap: {k1: a, k3: live}}}

- description: retainKeys next to an unchanged merged scalar list with live-only values
  original: {retainKeysMap: {name: foo, mergingIntList: [1, 2]}}
  modified: {retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2]}}
  twoWay: {retainKeysMap: {$retainKeys: [mergingIntList, name, value], value: bar}}
  current: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
  threeWay:
    retainKeysMap:
      $retainKeys: [mergingIntList, name, value]
      $setElementOrder/mergingIntList: [1, 2]
      value: bar
  result: {retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2, 3]}}

- description: retainKeys next to a merged list item deletion
  original: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}}
  modified: {retainKeysMap: {name: foo, mergingList: [{name: a}]}}
  twoWay:
    retainKeysMap:
      $retainKeys: [mergingList, name]
      $setElementOrder/mergingList: [{name: a}]
      mergingList: [{name: b, $patch: delete}]
  current: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}
  threeWay:
    retainKeysMap:
      $retainKeys: [mergingList, name]
      $setElementOrder/mergingList: [{name: a}]
      mergingList: [{name: b, $patch: delete}]
  result: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: x}]}}

- description: items of a merge,retainKeys list carry their own retainKeys
  original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
  modified: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
  twoWay: {}
  current: {retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]}
  threeWay:
    $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
    retainKeysMergingList: [{$retainKeys: [name, value], name: foo}]
  result: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}

- description: a changed item of a merge,retainKeys list
  original: {retainKeysMergingList: [{name: bar}, {name: foo, value: old}]}
  modified: {retainKeysMergingList: [{name: bar}, {name: foo, value: new}]}
  twoWay:
    $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
    retainKeysMergingList: [{$retainKeys: [name, value], name: foo, value: new}]
  current: {retainKeysMergingList: [{name: bar}, {name: foo, value: old, other: x}]}
  threeWay:
    $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
    retainKeysMergingList: [{$retainKeys: [name, value], name: foo, value: new}]
  result: {retainKeysMergingList: [{name: bar}, {name: foo, value: new}]}
`);

describe('strategic merge patch: apimachinery-style table', () => {
  for (const [group, cases, id] of [
    ['fields', FIELD_CASES, 'MRG8'],
    ['merged lists of objects', MERGING_LIST_CASES, 'MRG9'],
    ['merged lists of scalars', SCALAR_LIST_CASES, 'MRG10'],
    ['retainKeys', RETAIN_KEYS_CASES, 'MRG13'],
  ] as const) {
    describe(group, () => {
      it.each(cases.map((c) => [c.id ?? id, c.description, c] as const))('[%s] %s', (_id, _d, c) => runCase(c));
    });
  }
});

/** Patches kubectl never generates but users send with `kubectl patch`. */
const APPLY_CASES = deepFreeze(
  parse(`
- description: a merged scalar list is a set
  id: MRG10
  original: {mergingIntList: [1, 2]}
  patch: {mergingIntList: [2, 3]}
  result: {mergingIntList: [1, 2, 3]}
- description: $patch delete in an object empties it
  id: MRG11
  original: {simpleMap: {k1: a, k2: b}}
  patch: {simpleMap: {$patch: delete}}
  result: {simpleMap: {}}
- description: $patch replace as a list item replaces the whole list
  id: MRG11
  original: {mergingList: [{name: a}, {name: b}]}
  patch: {mergingList: [{$patch: replace}]}
  result: {mergingList: []}
- description: $patch replace with items keeps only those items
  id: MRG11
  original: {mergingList: [{name: a, value: one}, {name: b}]}
  patch: {mergingList: [{name: c}, {$patch: replace}]}
  result: {mergingList: [{name: c}]}
- description: $patch replace at the top empties the object
  id: MRG11
  original: {name: a, value: b}
  patch: {$patch: replace}
  result: {}
- description: $patch replace keeps the rest of the patch object
  id: MRG11
  original: {name: a, value: b}
  patch: {other: x, $patch: replace}
  result: {other: x}
- description: a delete item removes every item with that key
  id: MRG11
  original: {mergingList: [{name: a}, {name: a}, {name: b, value: v}, {name: c}, {name: c}]}
  patch: {mergingList: [{name: a, $patch: delete}, {name: c, $patch: delete}]}
  result: {mergingList: [{name: b, value: v}]}
- description: patch order wins over the original order
  id: MRG9
  original: {mergingList: [{name: a}, {name: b, value: two}, {name: c}]}
  patch: {mergingList: [{name: c, value: three}, {name: a, value: one}, {name: b, other: x}]}
  result: {mergingList: [{name: c, value: three}, {name: a, value: one}, {name: b, value: two, other: x}]}
- description: items only the original has stay where the original had them
  id: MRG9
  original: {mergingList: [{name: a}, {name: b, value: two}, {name: c}]}
  patch: {mergingList: [{name: c, value: three}, {name: a, value: one}]}
  result: {mergingList: [{name: b, value: two}, {name: c, value: three}, {name: a, value: one}]}
- description: scalars follow the patch order
  id: MRG10
  original: {mergingIntList: [1, 2, 3]}
  patch: {mergingIntList: [3, 1, 2]}
  result: {mergingIntList: [3, 1, 2]}
- description: scalars only the original has stay in place
  id: MRG10
  original: {mergingIntList: [1, 2, 3]}
  patch: {mergingIntList: [3, 1]}
  result: {mergingIntList: [2, 3, 1]}
- description: $setElementOrder may name items the list does not have
  id: MRG12
  original: {mergingList: [{name: a}, {name: c}]}
  patch:
    $setElementOrder/mergingList: [{name: c}, {name: b}, {name: a}]
    mergingList: [{name: c, value: three}, {name: a, value: one}]
  result: {mergingList: [{name: c, value: three}, {name: a, value: one}]}
- description: $setElementOrder alone reorders scalars
  id: MRG12
  original: {mergingIntList: [1, 3]}
  patch: {$setElementOrder/mergingIntList: [3, 2, 1]}
  result: {mergingIntList: [3, 1]}
- description: $deleteFromPrimitiveList also deletes from an untagged list (kubernetes#110472)
  id: MRG10
  original: {nonMergingIntList: [1, 2, 3]}
  patch: {$deleteFromPrimitiveList/nonMergingIntList: [2]}
  result: {nonMergingIntList: [1, 3]}
- description: $deleteFromPrimitiveList on a missing list does nothing
  id: MRG10
  original: {name: a}
  patch: {$deleteFromPrimitiveList/mergingIntList: [1]}
  result: {name: a}
- description: nulls in a new nested object are not stored
  id: MRG8
  original: {name: a}
  patch: {simpleMap: {k1: x, k2: null}}
  result: {name: a, simpleMap: {k1: x}}
- description: directives in a new merged list are resolved, not stored
  id: MRG11
  original: {name: a}
  patch: {mergingList: [{name: b, $patch: delete}, {name: c, value: null, simpleMap: {k: null}}]}
  result: {name: a, mergingList: [{name: c, simpleMap: {}}]}
- description: a null for a missing field is ignored
  id: MRG8
  original: {name: a}
  patch: {value: null}
  result: {name: a}
- description: retainKeys from a patch clears unlisted fields
  id: MRG13
  original: {retainKeysMap: {name: foo, value: bar, other: x}}
  patch: {retainKeysMap: {$retainKeys: [name, simpleMap], simpleMap: {k: v}}}
  result: {retainKeysMap: {name: foo, simpleMap: {k: v}}}
# Rows of patch_test.go customStrategicMergePatchTestCaseData / customStrategicMergePatchRawTestCases
# (twoWay there is the patch, modified the result).
- description: "upstream: merge empty merging lists"
  id: MRG9
  original: {mergingList: []}
  patch: {mergingList: []}
  result: {mergingList: []}
- description: "upstream: retainKeys map can add a field when no retainKeys directive present"
  id: MRG13
  original: {retainKeysMap: {name: foo}}
  patch: {retainKeysMap: {value: bar}}
  result: {retainKeysMap: {name: foo, value: bar}}
- description: "upstream: retainKeys map can delete a field when no retainKeys directive present"
  id: MRG13
  original: {retainKeysMap: {name: foo, value: a}}
  patch: {retainKeysMap: {value: null}}
  result: {retainKeysMap: {name: foo}}
- description: "upstream: retainKeys map merge an empty map"
  id: MRG13
  original: {retainKeysMap: {name: foo, value: a}}
  patch: {retainKeysMap: {}}
  result: {retainKeysMap: {name: foo, value: a}}
- description: "upstream: retainKeys list can change a field when no retainKeys directive present"
  id: MRG13
  original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
  patch: {retainKeysMergingList: [{name: foo, value: b}]}
  result: {retainKeysMergingList: [{name: bar}, {name: foo, value: b}]}
- description: "upstream: $deleteFromPrimitiveList of nonexistent item in primitive list should not add the item to the list"
  id: MRG10
  original: {mergingIntList: [1, 2]}
  patch: {$deleteFromPrimitiveList/mergingIntList: [3]}
  result: {mergingIntList: [1, 2]}
- description: "upstream: $deleteFromPrimitiveList on empty primitive list should not add the item to the list"
  id: MRG10
  original: {mergingIntList: null}
  patch: {$deleteFromPrimitiveList/mergingIntList: [3]}
  result: {mergingIntList: null}
- description: "upstream: $deleteFromPrimitiveList on nonexistent primitive list should not add the primitive list"
  id: MRG10
  original: {foo: [bar]}
  patch: {$deleteFromPrimitiveList/mergingIntList: [3]}
  result: {foo: [bar]}
- description: a deletion list never replaces a value of another type
  id: MRG10
  original: {mergingIntList: {a: 1}}
  patch: {$deleteFromPrimitiveList/mergingIntList: [3]}
  result: {mergingIntList: {a: 1}}
`) as { description: string; id: string; original: Doc; patch: Doc; result: Doc }[],
);

describe('applyStrategicMergePatch with hand-written patches', () => {
  it.each(APPLY_CASES.map((c) => [c.id, c.description, c] as const))('[%s] %s', (_id, _d, c) => {
    expect(applyStrategicMergePatch(c.original, c.patch, META)).toEqual(c.result);
  });
});

describe('strategic merge patch errors, as the API server reports them', () => {
  function failure(original: Doc, patch: unknown): PatchError {
    try {
      applyStrategicMergePatch(deepFreeze(original), deepFreeze(patch), META);
    } catch (e) {
      expect(e).toBeInstanceOf(PatchError);
      return e as PatchError;
    }
    throw new Error('expected the patch to fail');
  }

  it('[MRG12] rejects a $setElementOrder that contradicts the patch list', () => {
    const e = failure(
      { mergingList: [{ name: 'a' }, { name: 'c' }, { name: 'b' }] },
      { '$setElementOrder/mergingList': [{ name: 'a' }, { name: 'b' }, { name: 'c' }], mergingList: [{ name: 'c' }, { name: 'a' }] },
    );
    expect(e.message).toContain("doesn't match $setElementOrder list");
    expect(e.message).toContain('The order in patch list:\n[map[name:c] map[name:a]]\n');
  });

  it('[MRG12] rejects a scalar $setElementOrder that contradicts the patch list', () => {
    const e = failure({ mergingIntList: [1, 3, 2] }, { '$setElementOrder/mergingIntList': [1, 2, 3], mergingIntList: [3, 1] });
    expect(e.message).toContain("doesn't match");
  });

  it('[MRG15] reports a list item without its merge key like the server (500, Unknown reason)', () => {
    const e = failure({ mergingList: [{ name: 'a', value: 'x' }] }, { mergingList: [{ value: 'b' }] });
    expect(e.message).toBe('map: map[value:b] does not contain declared merge key: name');
    expect(e.code).toBe(500);
    expect(e.reason).toBe('');
  });

  it('[MRG11] rejects $patch: merge in a list', () => {
    const e = failure({ mergingList: [{ name: 'a' }] }, { mergingList: [{ $patch: 'merge' }] });
    expect(e.message).toBe('merging lists cannot yet be specified in the patch');
  });

  it('[MRG11] rejects $patch: merge in an object', () => {
    const e = failure({ simpleMap: { a: 'b' } }, { simpleMap: { $patch: 'merge', a: 'c' } });
    expect(e.message).toBe('unknown patch type: merge in map: map[$patch:merge a:c]');
  });

  it('[MRG11] rejects an unknown $patch on a list item', () => {
    const e = failure({ mergingList: [{ name: 'a' }] }, { mergingList: [{ name: 'a', $patch: 'remove' }] });
    expect(e.message).toBe('unknown patch type: remove in map: map[$patch:remove name:a]');
  });

  it('[MRG13] rejects a $retainKeys that omits a patched field (400)', () => {
    const e = failure({ retainKeysMap: { name: 'a' } }, { retainKeysMap: { $retainKeys: ['name'], value: 'b' } });
    expect(e.message).toBe('invalid patch format of retainKeys');
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
  });

  it('[MRG15] rejects lists of lists (422)', () => {
    const e = failure({ mergingIntList: [[1]] }, { mergingIntList: [[2]] });
    expect(e.message).toBe('lists of lists are not supported');
    expect(e.code).toBe(422);
  });

  it('[MRG15] rejects a malformed $deleteFromPrimitiveList key (400)', () => {
    const e = failure({ mergingIntList: [1] }, { $deleteFromPrimitiveListmergingIntList: [1] });
    expect(e.message).toBe('invalid patch format of primitive list');
    expect(e.code).toBe(400);
  });

  it('[MRG15] rejects a patch that is not an object', () => {
    const e = failure({}, [{ op: 'add' }]);
    expect(e.code).toBe(400);
  });
});

// ---------------------------------------------------------------------------------------------
// Real kinds, with the kubectl apply scenarios learners run into
// ---------------------------------------------------------------------------------------------

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What kubectl apply does: the new manifest, annotated with itself, diffed against last-applied and live. */
function kubectlApply(lastApplied: Doc | null, manifest: Doc, live: Doc): { patch: Doc; result: Doc } {
  const modified = structuredClone(manifest) as { metadata: { annotations?: Record<string, string> } };
  modified.metadata.annotations = { ...modified.metadata.annotations, [LAST_APPLIED]: JSON.stringify(manifest) };
  const kind = String(manifest['kind']);
  const patch = createThreeWayMergePatch(deepFreeze(lastApplied), deepFreeze(modified), deepFreeze(live), patchMetaFor(kind));
  return { patch, result: applyStrategicMergePatch(live, patch, patchMetaFor(kind)) };
}

/** The value at a dotted path (`spec.containers.0.image`). */
function at(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);
}

/** Sets the value at a dotted path whose parent exists. */
function put(o: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  (at(o, keys.join('.')) as Record<string, unknown>)[last] = value;
}

/** The live object as the server stored it: the last manifest plus defaults and status. */
function liveFrom(manifest: Doc, extra: (o: Doc) => void): Doc {
  const o = structuredClone(manifest);
  o['metadata'] = { ...(o['metadata'] as Doc), uid: 'u-1', resourceVersion: '7', annotations: { [LAST_APPLIED]: JSON.stringify(manifest) } };
  extra(o);
  return o;
}

function deployment(spec: Record<string, unknown>, containers: unknown[]): Doc {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      ...spec,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
    },
  };
}

describe('kubectl apply (client-side) scenarios', () => {
  it('[MRG17] (a) dropping replicas that last-applied had deletes it; the server then defaults it to 1', () => {
    const before = deployment({ replicas: 3 }, [{ name: 'web', image: 'nginx:1.25' }]);
    const after = deployment({}, [{ name: 'web', image: 'nginx:1.25' }]);
    // Someone ran `kubectl scale --replicas=5` since: the live object says 5.
    const live = liveFrom(before, (o) => {
      put(o, 'spec.replicas', 5);
      o['status'] = { replicas: 5 };
    });
    const { patch, result } = kubectlApply(before, after, live);
    expect((patch['spec'] as Doc)['replicas']).toBeNull();
    const spec = result['spec'] as Doc;
    // Removed: the API server's defaulting (not the patch) then sets replicas: 1.
    expect(spec).not.toHaveProperty('replicas');
    expect(result['status']).toEqual({ replicas: 5 });
  });

  it('[MRG17] (a) a replicas value last-applied never set survives re-applies', () => {
    const manifest = deployment({}, [{ name: 'web', image: 'nginx:1.25' }]);
    const live = liveFrom(manifest, (o) => put(o, 'spec.replicas', 5));
    const { patch, result } = kubectlApply(manifest, manifest, live);
    expect(patch).toEqual({});
    expect((result['spec'] as Doc)['replicas']).toBe(5);
  });

  it('[MRG17] (b) an env var removed from the manifest is removed from the container', () => {
    const env = [
      { name: 'MODE', value: 'prod' },
      { name: 'DEBUG', value: 'true' },
    ];
    const before = deployment({ replicas: 2 }, [{ name: 'web', image: 'nginx', env }]);
    const after = deployment({ replicas: 2 }, [{ name: 'web', image: 'nginx', env: [env[0]] }]);
    const live = liveFrom(before, (o) => {
      put(o, 'spec.template.spec.containers.0.imagePullPolicy', 'Always');
      put(o, 'spec.template.spec.restartPolicy', 'Always');
    });
    const { patch, result } = kubectlApply(before, after, live);
    expect(patch['spec']).toEqual({
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'web' }],
          containers: [{ name: 'web', '$setElementOrder/env': [{ name: 'MODE' }], env: [{ name: 'DEBUG', $patch: 'delete' }] }],
        },
      },
    });
    expect(at(result, 'spec.template.spec.containers')).toEqual([
      { name: 'web', image: 'nginx', env: [{ name: 'MODE', value: 'prod' }], imagePullPolicy: 'Always' },
    ]);
    expect(at(result, 'spec.template.spec.restartPolicy')).toBe('Always');
  });

  it('[MRG17] (c) a label added with kubectl label survives a re-apply of the same manifest', () => {
    const manifest = deployment({ replicas: 2 }, [{ name: 'web', image: 'nginx' }]);
    const live = liveFrom(manifest, (o) => put(o, 'metadata.labels.team', 'blue'));
    const { patch, result } = kubectlApply(manifest, manifest, live);
    // kubectl prints "deployment.apps/web unchanged" for an empty patch.
    expect(patch).toEqual({});
    expect((result['metadata'] as Doc)['labels']).toEqual({ app: 'web', team: 'blue' });
  });

  it('[MRG17] (c) a label removed from the manifest goes, the kubectl label one stays', () => {
    const before = deployment({}, [{ name: 'web', image: 'nginx' }]);
    put(before, 'metadata.labels.tier', 'frontend');
    const after = deployment({}, [{ name: 'web', image: 'nginx' }]);
    const live = liveFrom(before, (o) => put(o, 'metadata.labels.team', 'blue'));
    const { result } = kubectlApply(before, after, live);
    expect((result['metadata'] as Doc)['labels']).toEqual({ app: 'web', team: 'blue' });
  });

  it('[MRG17] (d) a new image for one of two containers merges by name and keeps the other', () => {
    const pod = (image: string): Doc => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        containers: [
          { name: 'app', image, ports: [{ containerPort: 80 }] },
          { name: 'log-shipper', image: 'fluent-bit:3' },
        ],
      },
    });
    const live = liveFrom(pod('nginx:1.24'), (o) => {
      for (const i of [0, 1]) {
        put(o, `spec.containers.${i}.imagePullPolicy`, 'IfNotPresent');
        put(o, `spec.containers.${i}.terminationMessagePath`, '/dev/termination-log');
      }
      put(o, 'spec.nodeName', 'node-1');
    });
    const { patch, result } = kubectlApply(pod('nginx:1.24'), pod('nginx:1.25'), live);
    expect(patch['spec']).toEqual({
      '$setElementOrder/containers': [{ name: 'app' }, { name: 'log-shipper' }],
      containers: [{ name: 'app', image: 'nginx:1.25' }],
    });
    expect(at(result, 'spec.nodeName')).toBe('node-1');
    expect(at(result, 'spec.containers')).toEqual([
      { name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }], imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' },
      { name: 'log-shipper', image: 'fluent-bit:3', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' },
    ]);
  });

  it('[MRG17] (e) reordered container ports are reordered by containerPort, defaults kept', () => {
    const http = { name: 'http', containerPort: 80 };
    const https = { name: 'https', containerPort: 443 };
    const before = deployment({}, [{ name: 'web', image: 'nginx', ports: [http, https] }]);
    const after = deployment({}, [{ name: 'web', image: 'nginx', ports: [https, http] }]);
    const live = liveFrom(before, (o) => {
      put(o, 'spec.template.spec.containers.0.ports.0.protocol', 'TCP');
      put(o, 'spec.template.spec.containers.0.ports.1.protocol', 'TCP');
    });
    const { patch, result } = kubectlApply(before, after, live);
    expect(at(patch, 'spec.template.spec.containers')).toEqual([
      { name: 'web', '$setElementOrder/ports': [{ containerPort: 443 }, { containerPort: 80 }] },
    ]);
    expect(at(result, 'spec.template.spec.containers.0.ports')).toEqual([
      { name: 'https', containerPort: 443, protocol: 'TCP' },
      { name: 'http', containerPort: 80, protocol: 'TCP' },
    ]);
  });

  it('[MRG17] (e) Service ports merge by port: reorder and retarget keep the allocated nodePort', () => {
    const svc = (ports: unknown[]): Doc => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports },
    });
    const before = svc([
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'metrics', port: 9090 },
    ]);
    const after = svc([
      { name: 'metrics', port: 9090 },
      { name: 'http', port: 80, targetPort: 8081 },
    ]);
    const live = liveFrom(before, (o) => {
      put(o, 'spec.clusterIP', '10.96.0.10');
      put(o, 'spec.ports.0.nodePort', 30080);
      put(o, 'spec.ports.0.protocol', 'TCP');
      put(o, 'spec.ports.1.nodePort', 30090);
      put(o, 'spec.ports.1.protocol', 'TCP');
      put(o, 'spec.ports.1.targetPort', 9090);
    });
    const { result } = kubectlApply(before, after, live);
    expect(at(result, 'spec.clusterIP')).toBe('10.96.0.10');
    expect(at(result, 'spec.ports')).toEqual([
      { name: 'metrics', port: 9090, nodePort: 30090, protocol: 'TCP', targetPort: 9090 },
      { name: 'http', port: 80, targetPort: 8081, nodePort: 30080, protocol: 'TCP' },
    ]);
  });

  it('[MRG17] updates the last-applied annotation when the manifest changes', () => {
    const before = deployment({ replicas: 1 }, [{ name: 'web', image: 'nginx' }]);
    const after = deployment({ replicas: 2 }, [{ name: 'web', image: 'nginx' }]);
    const { patch, result } = kubectlApply(before, after, liveFrom(before, () => {}));
    expect(patch).toEqual({
      metadata: { annotations: { [LAST_APPLIED]: JSON.stringify(after) } },
      spec: { replicas: 2 },
    });
    expect(((result['metadata'] as Doc)['annotations'] as Doc)[LAST_APPLIED]).toBe(JSON.stringify(after));
  });

  it('[MRG18] tolerations have no merge key: the manifest list replaces the live one', () => {
    const pod = (tolerations: unknown[]): Doc => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }], tolerations },
    });
    const before = pod([{ key: 'a', operator: 'Exists' }]);
    const after = pod([{ key: 'b', operator: 'Exists' }]);
    const live = liveFrom(before, (o) =>
      put(o, 'spec.tolerations.1', { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }),
    );
    const { result } = kubectlApply(before, after, live);
    expect((result['spec'] as Doc)['tolerations']).toEqual([{ key: 'b', operator: 'Exists' }]);
  });
});

describe('kubectl patch / edit style patches on real kinds', () => {
  it('[MRG9] merges a CronJob container by name four levels down; new items go first without $setElementOrder', () => {
    const cj = deepFreeze({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report' },
      spec: {
        schedule: '0 * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'OnFailure',
                containers: [
                  { name: 'main', image: 'report:1', env: [{ name: 'A', value: '1' }] },
                  { name: 'side', image: 'side:1' },
                ],
              },
            },
          },
        },
      },
    });
    const patch = { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'main', env: [{ name: 'B', value: '2' }] }] } } } } } };
    const out = applyStrategicMergePatch(cj, patch, patchMetaFor('CronJob'));
    expect(at(out, 'spec.jobTemplate.spec.template.spec.containers')).toEqual([
      // As on a real cluster: a hand-written patch has no $setElementOrder, so the patch's items come
      // before the items only the object had.
      { name: 'main', image: 'report:1', env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] },
      { name: 'side', image: 'side:1' },
    ]);
  });

  it('[MRG18] merges finalizers as a set and ownerReferences by uid, on any kind', () => {
    const cm = deepFreeze({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cfg',
        finalizers: ['a/one'],
        ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: 's', uid: 'u1' }],
      },
      data: { k: 'v' },
    });
    const out = applyStrategicMergePatch(
      cm,
      {
        metadata: {
          finalizers: ['b/two', 'a/one'],
          ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: 't', uid: 'u2' }],
        },
        data: { k2: 'v2' },
      },
      patchMetaFor('ConfigMap'),
    );
    expect(at(out, 'metadata.finalizers')).toEqual(['b/two', 'a/one']);
    expect((at(out, 'metadata.ownerReferences') as { uid: string }[]).map((r) => r.uid)).toEqual(['u2', 'u1']);
    expect(out['data']).toEqual({ k: 'v', k2: 'v2' });
  });

  it('[MRG10] removes a finalizer with $deleteFromPrimitiveList, as a controller does', () => {
    const pod = deepFreeze({ metadata: { name: 'p', finalizers: ['x/a', 'x/b', 'x/c'] } });
    const out = applyStrategicMergePatch(pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['x/b'] } }, patchMetaFor('Pod'));
    expect(at(out, 'metadata.finalizers')).toEqual(['x/a', 'x/c']);
  });

  it('[MRG13] sets a Deployment strategy with retainKeys semantics when a two-way patch switches to Recreate', () => {
    const before = deepFreeze(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } }, []));
    const after = deepFreeze(deployment({ strategy: { type: 'Recreate' } }, []));
    const meta = patchMetaFor('Deployment');
    const patch = createTwoWayMergePatch(before, after, meta);
    expect((patch['spec'] as Doc)['strategy']).toEqual({ $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null });
    expect(applyStrategicMergePatch(before, patch, meta)).toEqual(after);
  });

  it('[MRG16] kubectl label computes a two-way patch touching only the labels', () => {
    const before = deepFreeze(deployment({ replicas: 1 }, [{ name: 'web', image: 'nginx' }]));
    const after = structuredClone(before);
    put(after, 'metadata.labels.team', 'blue');
    expect(createTwoWayMergePatch(before, after, patchMetaFor('Deployment'))).toEqual({ metadata: { labels: { team: 'blue' } } });
  });

  it('[MRG18] kinds without a table entry patch like JSON merge patch', () => {
    const obj = deepFreeze({ kind: 'Widget', spec: { items: [{ name: 'a', v: 1 }, { name: 'b' }] } });
    const out = applyStrategicMergePatch(obj, { spec: { items: [{ name: 'a', v: 2 }] } }, patchMetaFor('Widget'));
    expect(out).toEqual({ kind: 'Widget', spec: { items: [{ name: 'a', v: 2 }] } });
  });
});

describe('patchMetaFor', () => {
  it.each([
    ['Pod', 'spec.containers'],
    ['Deployment', 'spec.template.spec.containers'],
    ['ReplicaSet', 'spec.template.spec.containers'],
    ['StatefulSet', 'spec.template.spec.initContainers'],
    ['DaemonSet', 'spec.template.spec.ephemeralContainers'],
    ['Job', 'spec.template.spec.containers'],
    ['CronJob', 'spec.jobTemplate.spec.template.spec.containers'],
    ['ReplicationController', 'spec.template.spec.containers'],
    ['PodTemplate', 'template.spec.containers'],
  ])('[MRG18] %s %s merges by name', (kind, path) => {
    expect(lookupPatchMeta(kind, path)).toMatchObject({ strategy: 'merge', mergeKey: 'name' });
  });

  it.each([
    ['Pod', 'spec.containers.ports', 'containerPort'],
    ['Deployment', 'spec.template.spec.containers.env', 'name'],
    ['Deployment', 'spec.template.spec.containers.volumeMounts', 'mountPath'],
    ['Deployment', 'spec.template.spec.containers.volumeDevices', 'devicePath'],
    ['Pod', 'spec.volumes', 'name'],
    ['Pod', 'spec.imagePullSecrets', 'name'],
    ['Pod', 'spec.hostAliases', 'ip'],
    ['Pod', 'spec.topologySpreadConstraints', 'topologyKey'],
    ['Pod', 'spec.resourceClaims', 'name'],
    ['Pod', 'status.conditions', 'type'],
    ['Node', 'status.conditions', 'type'],
    ['Deployment', 'status.conditions', 'type'],
    ['Service', 'spec.ports', 'port'],
    ['Secret', 'metadata.ownerReferences', 'uid'],
    ['Deployment', 'spec.template.metadata.ownerReferences', 'uid'],
  ])('[MRG18] %s %s merges by %s', (kind, path, key) => {
    expect(lookupPatchMeta(kind, path)).toMatchObject({ strategy: 'merge', mergeKey: key });
  });

  it('[MRG18] marks volumes and resourceClaims retainKeys, finalizers a set, tolerations and envFrom atomic', () => {
    expect(lookupPatchMeta('Pod', 'spec.volumes').retainKeys).toBe(true);
    expect(lookupPatchMeta('Pod', 'spec.resourceClaims').retainKeys).toBe(true);
    expect(lookupPatchMeta('Deployment', 'spec.strategy')).toMatchObject({ strategy: undefined, retainKeys: true });
    expect(lookupPatchMeta('Namespace', 'metadata.finalizers')).toMatchObject({ strategy: 'merge', mergeKey: '' });
    expect(lookupPatchMeta('Pod', 'spec.tolerations')).toMatchObject({ strategy: undefined, mergeKey: '' });
    expect(lookupPatchMeta('Pod', 'spec.containers.envFrom')).toMatchObject({ strategy: undefined, mergeKey: '' });
    expect(lookupPatchMeta('Pod', 'spec.containers.args')).toMatchObject({ strategy: undefined, mergeKey: '' });
    expect(lookupPatchMeta('Pod', 'spec.containers.command')).toMatchObject({ strategy: undefined, mergeKey: '' });
    expect(lookupPatchMeta('Widget', 'metadata.finalizers')).toMatchObject({ strategy: 'merge', mergeKey: '' });
    expect(lookupPatchMeta('Widget', 'spec.containers')).toMatchObject({ strategy: undefined, mergeKey: '' });
    expect(lookupPatchMeta('Endpoints', 'subsets')).toMatchObject({ strategy: undefined, mergeKey: '' });
  });
});

describe('round trips over generated documents', () => {
  // Merge keys are unique within a list and merged scalar lists are sets: what the API allows.
  const scalar = fc.constantFrom('x', 'y', 'z');
  const name = fc.constantFrom('a', 'b', 'c', 'd', 'e');
  const simpleMap = fc.dictionary(fc.constantFrom('k1', 'k2', 'k3'), scalar, { maxKeys: 3 });
  // Sorted, because apimachinery cannot reorder a merged scalar list into sorted order: it sorts
  // the original list in place while diffing, then sees no order change (ported as is; see the
  // scalar-list table cases for reorders it does handle).
  const intSet = fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 4 }).map((l) => [...l].sort((a, b) => a - b));
  const leaf = fc.record({ name, value: scalar, other: scalar }, { requiredKeys: ['name'] });
  const keyed = <T extends { name: string }>(item: fc.Arbitrary<T>) =>
    fc.uniqueArray(item, { selector: (i) => i.name, maxLength: 4 });
  const item = fc.record(
    { name, value: scalar, mergingList: keyed(leaf), mergingIntList: intSet, simpleMap, nonMergingList: fc.array(leaf, { maxLength: 2 }) },
    { requiredKeys: ['name'] },
  );
  const doc = fc.record(
    {
      name: scalar,
      value: scalar,
      mergingList: keyed(item),
      mergeItemPtr: keyed(leaf),
      mergingIntList: intSet,
      nonMergingIntList: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
      simpleMap,
      replacingItem: simpleMap,
      retainKeysMap: fc.record({ name: scalar, value: scalar, simpleMap, mergingIntList: intSet, mergingList: keyed(leaf) }, { requiredKeys: [] }),
      retainKeysMergingList: keyed(leaf),
    },
    { requiredKeys: [] },
  );

  it('[MRG19] the two-way patch turns original into modified, order included', () => {
    fc.assert(
      fc.property(doc, doc, (original, modified) => {
        const patch = createTwoWayMergePatch(deepFreeze(original), deepFreeze(modified), META);
        expect(applyStrategicMergePatch(original, patch, META)).toEqual(modified);
      }),
      { seed: 20240601, numRuns: 400 },
    );
  });

  it('[MRG19] the three-way patch against an unchanged live object does the same', () => {
    fc.assert(
      fc.property(doc, doc, (original, modified) => {
        const patch = createThreeWayMergePatch(deepFreeze(original), deepFreeze(modified), original, META);
        expect(applyStrategicMergePatch(original, patch, META)).toEqual(modified);
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('[MRG19] the three-way patch makes any live object agree with the manifest on the manifest fields', () => {
    fc.assert(
      fc.property(doc, doc, doc, (original, modified, current) => {
        const patch = createThreeWayMergePatch(deepFreeze(original), deepFreeze(modified), deepFreeze(current), META);
        const result = applyStrategicMergePatch(current, patch, META);
        for (const key of ['name', 'value', 'nonMergingIntList'] as const) {
          if (key in modified) expect(result[key]).toEqual(modified[key]);
          else if (key in original) expect(result).not.toHaveProperty(key);
          else expect(result[key]).toEqual(current[key]);
        }
      }),
      { seed: 99, numRuns: 400 },
    );
  });
});

// Rows of apimachinery patch_test.go createStrategicMergePatchTestCaseData and
// strategicMergePatchRawTestCases, unchanged but for YAML flow style: each checks the two-way
// patch, its result, the three-way patch kubectl apply would send and the object it produces.
const UPSTREAM_MAP_CASES = loadCases(`
- description: nil original
  twoWay: {name: 1, value: 1}
  modified: {name: 1, value: 1}
  current: {name: 1, other: a}
  threeWay: {value: 1}
  result: {name: 1, value: 1, other: a}
- description: add field to map with conflict
  original: {name: 1}
  twoWay: {value: 1}
  modified: {name: 1, value: 1}
  current: {name: a, other: a}
  threeWay: {name: 1, value: 1}
  result: {name: 1, value: 1, other: a}
- description: delete field from nested map with conflict
  original: {simpleMap: {key1: 1, key2: 1}}
  twoWay: {simpleMap: {key2: null}}
  modified: {simpleMap: {key1: 1}}
  current: {simpleMap: {key1: a, key2: 1, other: a}}
  threeWay: {simpleMap: {key1: 1, key2: null}}
  result: {simpleMap: {key1: 1, other: a}}
- description: add field and delete all fields from map with conflict
  original: {name: 1, value: 1}
  twoWay: {name: null, value: null, other: a}
  modified: {other: a}
  current: {name: 1, value: 1, other: b}
  threeWay: {name: null, value: null, other: a}
  result: {other: a}
- description: replace list of scalars with conflict
  original: {nonMergingIntList: [1, 2]}
  twoWay: {nonMergingIntList: [2, 3]}
  modified: {nonMergingIntList: [2, 3]}
  current: {nonMergingIntList: [1, 4]}
  threeWay: {nonMergingIntList: [2, 3]}
  result: {nonMergingIntList: [2, 3]}
`);

const UPSTREAM_LIST_CASES = loadCases(`
- description: delete all maps from merging list with conflict
  original: {mergingList: [{name: 1}, {name: 2}]}
  twoWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
  modified: {mergingList: []}
  current: {mergingList: [{name: 1, other: a}, {name: 2, other: b}]}
  threeWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
  result: {mergingList: []}
- description: delete all maps from empty merging list
  original: {mergingList: [{name: 1}, {name: 2}]}
  twoWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
  modified: {mergingList: []}
  current: {mergingList: []}
  threeWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
  result: {mergingList: []}
- description: merge empty merging lists
  original: {mergingList: []}
  twoWay: {}
  modified: {mergingList: []}
  current: {mergingList: []}
  threeWay: {}
  result: {mergingList: []}
- description: nested patch merge with empty list
  original: {name: hi}
  current: {name: hi, mergingList: [{name: hello2}]}
  modified: {name: hi, mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]}
  twoWay: {mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]}
  threeWay:
    $setElementOrder/mergingList: [{name: hello}, {name: doesntexist}]
    mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]
  twoWayResult: {name: hi, mergingList: [{name: hello}]}
  result: {name: hi, mergingList: [{name: hello}, {name: hello2}]}
- description: merge lists of maps
  original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
  twoWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
    mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
  modified: {mergingList: [{name: 4, value: 4}, {name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]}
  current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
  threeWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
    mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
  result: {mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
`);

const UPSTREAM_SCALAR_CASES = loadCases(`
- description: delete items in lists of scalars
  original: {mergingIntList: [1, 2, 3]}
  twoWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
  modified: {mergingIntList: [1, 2]}
  current: {mergingIntList: [1, 2, 3, 4]}
  threeWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
  result: {mergingIntList: [1, 2, 4]}
- description: delete all duplicate items in lists of scalars
  original: {mergingIntList: [1, 2, 3, 3]}
  twoWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
  modified: {mergingIntList: [1, 2]}
  current: {mergingIntList: [1, 2, 3, 3, 4]}
  threeWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
  result: {mergingIntList: [1, 2, 4]}
- description: add and delete items in lists of scalars
  original: {mergingIntList: [1, 2, 3]}
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 4]
    $deleteFromPrimitiveList/mergingIntList: [3]
    mergingIntList: [4]
  modified: {mergingIntList: [1, 2, 4]}
  current: {mergingIntList: [1, 2, 3, 4]}
  threeWay: {$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3]}
  result: {mergingIntList: [1, 2, 4]}
`);

const UPSTREAM_NULL_CASES = loadCases(`
- description: defined null values should propagate overwrite current fields (with conflict)
  original: {name: 2}
  twoWay: {name: 1, value: 1, other: null}
  twoWayResult: {name: 1, value: 1}
  modified: {name: 1, value: 1, other: null}
  current: {name: a, other: a}
  threeWay: {name: 1, value: 1, other: null}
  result: {name: 1, value: 1}
- description: defined null values should propagate removing original fields
  original: {name: original-name, value: original-value}
  current: {name: original-name, value: original-value, other: current-other}
  modified: {name: modified-name, value: null}
  twoWay: {name: modified-name, value: null}
  twoWayResult: {name: modified-name}
  threeWay: {name: modified-name, value: null}
  result: {name: modified-name, other: current-other}
`);

const UPSTREAM_RETAIN_KEYS_CASES = loadCases(`
- description: nil patch with retainKeys map
  original: {name: a, retainKeysMap: {name: foo}}
  current: {name: a, value: b, retainKeysMap: {name: foo}}
  modified: {name: a, retainKeysMap: {name: foo}}
  twoWay: {}
  threeWay: {}
  result: {name: a, value: b, retainKeysMap: {name: foo}}
- description: retainKeys map with no change should not be present
  original: {name: a, retainKeysMap: {name: foo}}
  current: {name: a, other: c, retainKeysMap: {name: foo}}
  modified: {name: a, value: b, retainKeysMap: {name: foo}}
  twoWay: {value: b}
  threeWay: {value: b}
  result: {name: a, value: b, other: c, retainKeysMap: {name: foo}}
`);

describe('strategic merge patch: rows of apimachinery patch_test.go', () => {
  const byDescription = (cases: Case[]) => cases.map((c) => [c.description, c] as const);
  it.each(byDescription(UPSTREAM_MAP_CASES))('[MRG8] %s', (_d, c) => runCase(c));
  it.each(byDescription(UPSTREAM_LIST_CASES))('[MRG9] %s', (_d, c) => runCase(c));
  it.each(byDescription(UPSTREAM_SCALAR_CASES))('[MRG10] %s', (_d, c) => runCase(c));
  it.each(byDescription(UPSTREAM_NULL_CASES))('[MRG17] %s', (_d, c) => runCase(c));
  it.each(byDescription(UPSTREAM_RETAIN_KEYS_CASES))('[MRG13] %s', (_d, c) => runCase(c));
});

describe('patchStrategy replace and two-way patches', () => {
  it('[MRG14] a replace-strategy object is replaced by the patch value, never merged', () => {
    const original = deepFreeze({ replacingItem: { a: 1, b: { c: 2 } }, name: 'x' });
    expect(applyStrategicMergePatch(original, { replacingItem: { b: { d: 3 } } }, META)).toEqual({
      replacingItem: { b: { d: 3 } },
      name: 'x',
    });
    // A diff always sends it whole, even unchanged (handleMapDiff's replace branch).
    expect(createTwoWayMergePatch(original, { ...original, name: 'y' }, META)).toEqual({
      replacingItem: { a: 1, b: { c: 2 } },
      name: 'y',
    });
  });

  it('[MRG16] the two-way patch of an edited Deployment: changed image, removed env var, reordered containers', () => {
    const before = deepFreeze(
      deployment({ replicas: 2 }, [
        { name: 'web', image: 'nginx:1.24', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'log', image: 'busybox' },
      ]),
    );
    const after = deepFreeze(
      deployment({ replicas: 3 }, [
        { name: 'log', image: 'busybox' },
        { name: 'web', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] },
      ]),
    );
    const meta = patchMetaFor('Deployment');
    const patch = createTwoWayMergePatch(before, after, meta);
    expect(patch).toEqual({
      spec: {
        replicas: 3,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'log' }, { name: 'web' }],
            containers: [
              {
                name: 'web',
                image: 'nginx:1.25',
                '$setElementOrder/env': [{ name: 'A' }],
                env: [{ name: 'B', $patch: 'delete' }],
              },
            ],
          },
        },
      },
    });
    expect(applyStrategicMergePatch(before, patch, meta)).toEqual(after);
    expect(createTwoWayMergePatch(before, before, meta)).toEqual({});
  });

  it('[MRG16] removed scalars become a $deleteFromPrimitiveList', () => {
    const patch = createTwoWayMergePatch({ metadata: { finalizers: ['a', 'b', 'c'] } }, { metadata: { finalizers: ['a', 'c'] } }, patchMetaFor('Pod'));
    expect(patch).toEqual({
      metadata: { '$setElementOrder/finalizers': ['a', 'c'], '$deleteFromPrimitiveList/finalizers': ['b'] },
    });
  });
});
