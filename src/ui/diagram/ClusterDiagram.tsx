import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { JSX } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  Panel,
  ReactFlow,
  ReactFlowProvider,
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
import { useDiagramGraph, useTheme } from './useGraph';
import { useElementSize, useFocusIntoView, useFollowView } from './useViewport';

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
const noop = () => {};
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

  // A theme switch repaints at once: colour transitions are for the cluster's changes, not the theme's.
  useLayoutEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    el.classList.add('kd-instant');
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => el.classList.remove('kd-instant'));
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
      el.classList.remove('kd-instant');
    };
  }, [theme]);

  const size = useElementSize(rootRef);
  const roomy = size === null || (size.width >= 1000 && size.height >= 600);
  // The legend starts open only where there is room for it; then it is the learner's choice.
  const [legendChoice, setLegendChoice] = useState<boolean | null>(null);
  const legendOpen = legendChoice ?? roomy;
  const view = useFollowView(
    graph.nodes,
    `${mode}|${showSystem}`,
    size,
    legendOpen ? (roomy ? 84 : 124) : 56,
  );
  const onFocus = useFocusIntoView(rootRef, view.stopFollowing);

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
          fitViewOptions={view.fit}
          onMoveStart={view.onMoveStart}
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
          // xyflow lets pointer events through nodes it thinks inert; ours hold buttons.
          onNodeClick={noop}
        >
          <Background variant={BackgroundVariant.Dots} gap={28} size={1.5} />
          <Panel position="top-left" className="kd-top">
            <Toolbar mode={mode} onMode={setMode} showSystem={showSystem} onShowSystem={setShowSystem} />
          </Panel>
          <Panel position="bottom-left" className="kd-bottom">
            {size && (
              <Legend
                mode={mode}
                density={graph.density}
                aggregated={graph.aggregated}
                open={legendOpen}
                onOpen={setLegendChoice}
              />
            )}
            <SelectionBar onCommand={onCommand} />
          </Panel>
          <Controls
            position="bottom-right"
            showInteractive={false}
            fitViewOptions={view.fit}
            onFitView={view.onFitView}
          />
        </ReactFlow>
        {menu && <ContextMenu menu={menu} theme={theme} onClose={closeMenu} onCommand={onCommand} />}
      </div>
    </DiagramContext.Provider>
  );
}
