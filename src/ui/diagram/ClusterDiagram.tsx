import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent, JSX } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import type { DefaultEdgeOptions, EdgeTypes, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/boxes.css';
import './styles/pods.css';
import './styles/objects.css';
import './styles/panels.css';
import { useCluster } from '../store';
import { actionsFor } from './actions';
import { NodeBox, PendingBox, ServiceBox } from './ClusterNodes';
import { DiagramContext } from './context';
import type { DiagramCallbacks, MenuAnchor } from './context';
import { ContextMenu } from './ContextMenu';
import { CountEdge } from './CountEdge';
import type { MenuState } from './ContextMenu';
import { PodBox, PodGroupBox, WorkloadBox } from './OwnershipNodes';
import { Legend, SelectionBar, Toolbar } from './Panels';
import type { DiagramMode } from './Panels';
import { prefersReducedMotion, useDiagramGraph, useTheme } from './useGraph';

const nodeTypes: NodeTypes = {
  box: NodeBox,
  pending: PendingBox,
  service: ServiceBox,
  workload: WorkloadBox,
  pod: PodBox,
  podGroup: PodGroupBox,
};

const edgeTypes: EdgeTypes = { count: CountEdge };
const marker = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--kd-edge)' } as const;
/** Room for the toolbar above and the legend below. */
const FIT = { padding: { top: '72px', bottom: '56px', left: '24px', right: '24px' } } as const;
const clusterEdges: DefaultEdgeOptions = { type: 'default', markerEnd: marker };
const ownershipEdges: DefaultEdgeOptions = { type: 'smoothstep', markerEnd: marker };

/**
 * The live cluster diagram: the control plane and its components, each node with its kubelet,
 * kube-proxy and pods, Services linked to their endpoints, the pods waiting for a node; or the
 * ownership tree. Everything drawn is derived from the mirror (`useCluster`); faults go through
 * `onCommand` as terminal lines.
 */
export function ClusterDiagram(props: { onCommand: (line: string) => void }): JSX.Element {
  return (
    <ReactFlowProvider>
      <Diagram onCommand={props.onCommand} />
    </ReactFlowProvider>
  );
}

function Diagram({ onCommand }: { onCommand: (line: string) => void }) {
  const [mode, setMode] = useState<DiagramMode>('cluster');
  const [showSystem, setShowSystem] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [menu, setMenu] = useState<MenuState | null>(null);
  const graph = useDiagramGraph(mode, showSystem, expanded);
  const theme = useTheme();
  const flow = useReactFlow();
  const rootRef = useRef<HTMLDivElement>(null);

  const callbacks = useMemo<DiagramCallbacks>(
    () => ({
      select: (key) => useCluster.getState().select(key),
      openMenu: (key: string, anchor: MenuAnchor) => {
        const v = useCluster.getState().views.get(key);
        if (!v || actionsFor(v).length === 0) return;
        setMenu({
          key,
          anchor,
          opener: document.activeElement instanceof HTMLElement ? document.activeElement : null,
        });
      },
      toggleGroup: (id) =>
        setExpanded((s) => {
          const next = new Set(s);
          if (!next.delete(id)) next.add(id);
          return next;
        }),
    }),
    [],
  );
  const closeMenu = useCallback(() => setMenu(null), []);

  // Refit when what is drawn changes shape (another view, system pods, nodes joining or leaving), not on every pod.
  const boxes = graph.nodes.filter((n) => n.type === 'box' || n.type === 'workload').length;
  const shape = `${mode}|${showSystem}|${boxes}`;
  const lastShape = useRef(shape);
  useEffect(() => {
    if (lastShape.current === shape) return;
    lastShape.current = shape;
    const id = requestAnimationFrame(
      () => void flow.fitView({ ...FIT, duration: prefersReducedMotion() ? 0 : 300 }),
    );
    return () => cancelAnimationFrame(id);
  }, [shape, flow]);

  // Focus moving into a box off screen: browsers scroll the clipped pane to show it, which xyflow
  // does not know about. Undo the scroll and pan the viewport instead.
  const onFocus = useCallback(
    (e: FocusEvent<HTMLDivElement>) => {
      const pane = rootRef.current?.querySelector<HTMLElement>('.react-flow');
      if (!pane || !(e.target instanceof HTMLElement) || !e.target.closest('.react-flow__node')) return;
      pane.scrollTop = 0;
      pane.scrollLeft = 0;
      const r = e.target.getBoundingClientRect();
      const p = pane.getBoundingClientRect();
      if (r.left >= p.left && r.right <= p.right && r.top >= p.top && r.bottom <= p.bottom) return;
      const c = flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      void flow.setCenter(c.x, c.y, {
        zoom: Math.max(flow.getZoom(), 0.6),
        duration: prefersReducedMotion() ? 0 : 200,
      });
    },
    [flow],
  );

  return (
    <DiagramContext.Provider value={callbacks}>
      <div
        className={`kd-root kd-theme-${theme}`}
        ref={rootRef}
        onFocus={onFocus}
        data-testid="cluster-diagram"
      >
        <ReactFlow
          nodes={graph.nodes}
          edges={graph.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultEdgeOptions={mode === 'cluster' ? clusterEdges : ownershipEdges}
          colorMode={theme}
          fitView
          fitViewOptions={FIT}
          minZoom={0.05}
          maxZoom={2.5}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          zoomOnDoubleClick={false}
          onPaneClick={() => useCluster.getState().select(null)}
          aria-label={mode === 'cluster' ? 'Cluster diagram' : 'Ownership diagram'}
        >
          <Background variant={BackgroundVariant.Dots} gap={28} size={1.5} />
          <Panel position="top-left">
            <Toolbar mode={mode} onMode={setMode} showSystem={showSystem} onShowSystem={setShowSystem} />
          </Panel>
          <Panel position="top-right">
            <SelectionBar onCommand={onCommand} />
          </Panel>
          <Panel position="bottom-left" style={{ maxWidth: 'calc(100% - 100px)' }}>
            <Legend mode={mode} density={graph.density} aggregated={graph.aggregated} />
          </Panel>
          <Controls position="bottom-right" showInteractive={false} />
        </ReactFlow>
        {menu && <ContextMenu menu={menu} theme={theme} onClose={closeMenu} onCommand={onCommand} />}
      </div>
    </DiagramContext.Provider>
  );
}
