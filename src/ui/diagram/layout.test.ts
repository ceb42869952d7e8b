import { describe, expect, it } from 'vitest';
import { defaultCluster, deployment, node, pod, viewMap } from './fixtures';
import { CHIP_COLS, innerWidth, NARROW_W, WIDE_W } from './geometry';
import type { AreaItem } from './geometry';
import type { BoxData, ClusterGraph, PendingData } from './layout';
import { layoutCluster, MAX_POD_EDGES, PENDING_ID } from './layout';
import { reuse } from './stable';
import { shownTaints } from './status';

const none = new Set<string>();
const workers = (n: number) => Array.from({ length: n }, (_, i) => `node-${i + 1}`);

function box(g: ClusterGraph, id: string): BoxData {
  const n = g.nodes.find((x) => x.id === id);
  if (!n || n.type !== 'box') throw new Error(`no box ${id}`);
  return n.data;
}

const podsIn = (items: AreaItem[]) => items.flatMap((i) => (i.type === 'pod' ? [i.pod.name] : []));

describe('cluster layout', () => {
  it('draws the control plane, the pending area and one box per worker, system pods hidden by default', () => {
    const g = layoutCluster(viewMap([...defaultCluster(3), ...deployment('web', 3, workers(3))]), {
      showSystem: false,
      expanded: none,
    });
    const ids = g.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'Node//control-plane',
        PENDING_ID,
        'Node//node-1',
        'Node//node-2',
        'Node//node-3',
        'Service/default/web',
        'Service/default/kubernetes',
      ]),
    );
    expect(ids).not.toContain('Service/kube-system/kube-dns');
    expect(g.density).toBe('card');
    const cp = box(g, 'Node//control-plane');
    expect(cp.controlPlane).toBe(true);
    expect(cp.podCount).toBe(0);
    expect(cp.hiddenSystem).toBe(5);
    expect(podsIn(box(g, 'Node//node-1').items)).toEqual(['web-7d4b9c-xxxx0']);
    expect(box(g, 'Node//node-1').hiddenSystem).toBe(2);
  });

  it('shows kube-system pods and Services when asked', () => {
    const g = layoutCluster(viewMap(defaultCluster(3)), { showSystem: true, expanded: none });
    expect(box(g, 'Node//control-plane').podCount).toBe(5);
    expect(g.nodes.map((n) => n.id)).toContain('Service/kube-system/kube-dns');
  });

  it('puts unscheduled pods in the pending area with the scheduler’s reasons, most frequent first', () => {
    const why = '0/4 nodes are available: 1 node(s) had untolerated taint, 3 Insufficient cpu.';
    const views = [
      ...defaultCluster(3),
      pod('big-1', { status: 'Pending', unschedulable: why }),
      pod('big-2', { status: 'Pending', unschedulable: why }),
      pod('other', { status: 'Pending', unschedulable: 'x' }),
    ];
    const g = layoutCluster(viewMap(views), { showSystem: false, expanded: none });
    const pending = g.nodes.find((n) => n.id === PENDING_ID)?.data as PendingData;
    expect(podsIn(pending.items)).toEqual(['big-1', 'big-2', 'other']);
    expect(pending.reasons).toEqual([why, 'x']);
  });

  it('draws one edge per endpoint pod, ending on the pod, dashed when not ready', () => {
    const views = [...defaultCluster(3), ...deployment('web', 8, workers(3), true)];
    const g = layoutCluster(viewMap(views), { showSystem: false, expanded: none });
    const web = g.edges.filter((e) => e.source === 'Service/default/web');
    expect(web).toHaveLength(8);
    expect(web.every((e) => e.targetHandle?.startsWith('pod:Pod/default/web-'))).toBe(true);
    expect(web.filter((e) => e.className?.includes('notready'))).toHaveLength(7);
    // Each edge ends on a handle the target box declares, over the pod's chip.
    for (const e of web) {
      const target = g.nodes.find((n) => n.id === e.target);
      expect(target?.handles?.some((h) => h.id === e.targetHandle)).toBe(true);
    }
    expect(g.edges.find((e) => e.source === 'Service/default/kubernetes')?.target).toBe(
      'Node//control-plane',
    );
  });

  it('aggregates service edges to node boxes, with counts, when there are many', () => {
    const views = [...defaultCluster(3), ...deployment('web', MAX_POD_EDGES + 5, workers(3))];
    const g = layoutCluster(viewMap(views), { showSystem: false, expanded: none });
    const web = g.edges.filter((e) => e.source === 'Service/default/web');
    expect(g.aggregated).toBe(true);
    expect(web.map((e) => [e.target, e.data?.label])).toEqual([
      ['Node//node-1', 'web: 15 pods'],
      ['Node//node-2', 'web: 15 pods'],
      ['Node//node-3', 'web: 15 pods'],
    ]);
    // Each arrives at the Service's own spot on the box, which the box declares.
    for (const e of web)
      expect(g.nodes.find((n) => n.id === e.target)?.handles?.some((h) => h.id === e.targetHandle)).toBe(
        true,
      );
  });

  it('stays a few dozen xyflow nodes for 1,000 pods on 20 nodes, grouped by owner', () => {
    const names = workers(20);
    const views = [
      ...defaultCluster(20),
      ...deployment('web', 600, names, true),
      ...deployment('api', 300, names),
      ...deployment('batch', 100, names),
    ];
    const t0 = performance.now();
    const g = layoutCluster(viewMap(views), { showSystem: false, expanded: none });
    const ms = performance.now() - t0;
    expect(g.nodes.length).toBeLessThanOrEqual(30);
    expect(g.density).toBe('group');
    expect(g.edges.length).toBeLessThanOrEqual(3 * 20 + 1);
    // Grouped pods still link their Services, one line per node.
    expect(g.edges.filter((e) => e.source === 'Service/default/api')).toHaveLength(20);
    // Nodes in the order a learner counts.
    expect(
      g.nodes
        .filter((n) => n.type === 'box')
        .map((n) => n.id)
        .slice(0, 4),
    ).toEqual(['Node//control-plane', 'Node//node-1', 'Node//node-2', 'Node//node-3']);
    const n1 = box(g, 'Node//node-1');
    expect(
      n1.items.map((i) => (i.type === 'group' ? `${i.group.ownerName}×${i.group.pods.length}` : i.pod.name)),
    ).toEqual(['web-7d4b9c×30', 'api-7d4b9c×15', 'batch-7d4b9c×5']);
    expect(ms).toBeLessThan(200);
  });

  it('opens a group into chips under its row', () => {
    const names = workers(20);
    const views = [...defaultCluster(20), ...deployment('web', 1000, names)];
    const closed = layoutCluster(viewMap(views), { showSystem: false, expanded: none });
    const gid =
      box(closed, 'Node//node-1').items[0]?.type === 'group'
        ? (box(closed, 'Node//node-1').items[0] as Extract<AreaItem, { type: 'group' }>).group.id
        : '';
    const open = layoutCluster(viewMap(views), { showSystem: false, expanded: new Set([gid]) });
    const items = box(open, 'Node//node-1').items;
    expect(items.filter((i) => i.type === 'pod')).toHaveLength(50);
    expect(Math.max(...items.map((i) => i.x + i.w))).toBeLessThanOrEqual(innerWidth(WIDE_W));
    expect(items.filter((i) => i.type === 'pod' && i.x === 0)).toHaveLength(Math.ceil(50 / CHIP_COLS));
  });

  it('marks NotReady and cordoned nodes in their data', () => {
    const views = [
      node('control-plane', { controlPlane: true }),
      node('node-1', { ready: false, readyStatus: 'Unknown' }),
      node('node-2', { unschedulable: true }),
    ];
    const g = layoutCluster(viewMap(views), { showSystem: false, expanded: none });
    expect(box(g, 'Node//node-1').node?.ready).toBe(false);
    expect(box(g, 'Node//node-2').node?.unschedulable).toBe(true);
  });

  it('keeps the objects of boxes a change did not touch', () => {
    const views = viewMap([...defaultCluster(3), ...deployment('web', 3, workers(3))]);
    const a = layoutCluster(views, { showSystem: false, expanded: none });
    const changed = new Map(views);
    changed.set(
      'Pod/default/web-7d4b9c-xxxx0',
      pod('web-7d4b9c-xxxx0', {
        node: 'node-1',
        status: 'Terminating',
        deleting: true,
        owner: { kind: 'ReplicaSet', name: 'web-7d4b9c' },
      }),
    );
    const b = layoutCluster(changed, { showSystem: false, expanded: none });
    const nodes = reuse(a.nodes, b.nodes);
    const same = (id: string) => nodes.find((n) => n.id === id) === a.nodes.find((n) => n.id === id);
    expect(same('Node//node-1')).toBe(false);
    expect(same('Node//node-2')).toBe(true);
    expect(same('Node//control-plane')).toBe(true);
    expect(reuse(a.nodes, layoutCluster(views, { showSystem: false, expanded: none }).nodes)).toBe(a.nodes);
  });

  it('draws workers one card wide while they hold few pods, two cards wide beyond', () => {
    const few = layoutCluster(viewMap([...defaultCluster(3), ...deployment('web', 6, workers(3))]), {
      showSystem: false,
      expanded: none,
    });
    const many = layoutCluster(viewMap([...defaultCluster(3), ...deployment('web', 15, workers(3))]), {
      showSystem: false,
      expanded: none,
    });
    const width = (g: ClusterGraph, id: string) => g.nodes.find((n) => n.id === id)?.width;
    expect(width(few, 'Node//node-1')).toBe(NARROW_W);
    expect(width(few, 'Node//control-plane')).toBe(WIDE_W);
    expect(width(many, 'Node//node-1')).toBe(WIDE_W);
    expect(many.density).toBe('card');
  });

  it('keeps every pod and every handle inside its box, and boxes apart', () => {
    for (const g of [
      layoutCluster(viewMap([...defaultCluster(3), ...deployment('web', 8, workers(3), true)]), {
        showSystem: true,
        expanded: none,
      }),
      layoutCluster(viewMap([...defaultCluster(20), ...deployment('web', 400, workers(20), true)]), {
        showSystem: true,
        expanded: none,
      }),
    ]) {
      for (const n of g.nodes) {
        const w = n.width ?? 0;
        const h = n.height ?? 0;
        for (const hd of n.handles ?? []) {
          expect(hd.x).toBeGreaterThanOrEqual(0);
          expect(hd.x + (hd.width ?? 0)).toBeLessThanOrEqual(w);
          expect(hd.y + (hd.height ?? 0)).toBeLessThanOrEqual(h);
        }
        if (n.type === 'box')
          for (const it of n.data.items) expect(n.data.areaTop + it.y + it.h).toBeLessThanOrEqual(h);
      }
      const rects = g.nodes.map((n) => ({
        id: n.id,
        x0: n.position.x,
        y0: n.position.y,
        x1: n.position.x + (n.width ?? 0),
        y1: n.position.y + (n.height ?? 0),
      }));
      for (const a of rects)
        for (const b of rects)
          if (a !== b)
            expect(
              a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0,
              `${a.id} overlaps ${b.id}`,
            ).toBe(true);
    }
  });

  it('gives each Service its own arrival point on a box when lines are aggregated', () => {
    const views = [
      ...defaultCluster(3),
      ...deployment('web', 30, workers(3)),
      ...deployment('api', 30, workers(3)),
    ];
    const g = layoutCluster(viewMap(views), { showSystem: false, expanded: none });
    const box1 = g.nodes.find((n) => n.id === 'Node//node-1');
    const xs = ['in:Service/default/web', 'in:Service/default/api'].map(
      (id) => box1?.handles?.find((h) => h.id === id)?.x,
    );
    expect(xs.every((x) => x !== undefined)).toBe(true);
    expect(xs[0]).not.toBe(xs[1]);
  });

  it('shows the cordon once: SchedulingDisabled, not also its taint', () => {
    const cordoned = node('node-1', {
      unschedulable: true,
      taints: ['node.kubernetes.io/unschedulable:NoSchedule'],
    });
    const g = layoutCluster(viewMap([node('control-plane', { controlPlane: true }), cordoned]), {
      showSystem: false,
      expanded: none,
    });
    expect(box(g, 'Node//node-1').badges).toBe(true);
    expect(shownTaints(cordoned)).toEqual([]);
  });
});
