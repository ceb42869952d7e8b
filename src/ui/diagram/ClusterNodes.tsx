import { memo, useId } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { NodeView, ServiceView } from '../../engine/protocol';
import { useCluster } from '../store';
import { ComponentPill } from './ComponentPill';
import { objectHandlers, useDiagram } from './context';
import { BADGE_ROW_H, CP_COMPONENTS_H, NODE_HEADER_H, PENDING_HEADER_H } from './geometry';
import { isApiService } from './edges';
import { Handles } from './Handles';
import type { BoxNode, PendingNode, ServiceNode } from './layout';
import { PodArea } from './PodArea';
import { formatCpu, formatMemory, nodeLabel, shownTaints } from './status';

/** The xyflow node types of the cluster view: a cluster node's box, the pending area, a Service. */

/** Said after an object's name when a lesson step highlights it (the highlight is not only a colour). */
export function useHighlightNote(key: string | null): string {
  return useCluster((s) => key !== null && s.highlighted.has(key)) ? ', highlighted by the lesson' : '';
}

function useMarks(key: string | null): string {
  const selected = useCluster((s) => key !== null && s.selected === key);
  const highlighted = useCluster((s) => key !== null && s.highlighted.has(key));
  return `${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`;
}

function Bar({
  label,
  used,
  total,
  format,
}: {
  label: string;
  used: number;
  total: number;
  format: (n: number) => string;
}) {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  const text = `${label} requested ${format(used)} of ${format(total)} (${pct}%)`;
  return (
    <span className="kd-bar" title={text}>
      <span className="kd-bar__label">{label}</span>
      <span
        className="kd-bar__track"
        role="meter"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span className={`kd-bar__fill${pct >= 90 ? ' is-full' : ''}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="kd-bar__value" aria-hidden="true">
        {format(used)} / {format(total)}
      </span>
    </span>
  );
}

function taintEffect(t: string): string {
  return t.slice(t.lastIndexOf(':') + 1);
}

function ControlPlaneComponents() {
  return (
    <div className="kd-cp" style={{ height: CP_COMPONENTS_H }}>
      <div className="kd-cp__title">Control plane</div>
      <div className="kd-cp__comps">
        <ComponentPill large component="kube-apiserver" label="API server" />
        <ComponentPill large component="etcd" label="etcd" />
        <ComponentPill large component="kube-scheduler" label="Scheduler" />
        <ComponentPill large component="kube-controller-manager" label="Controller manager" />
      </div>
    </div>
  );
}

function NodeHeader({
  node,
  labelId,
  podCount,
  hiddenSystem,
  badges,
}: {
  node: NodeView;
  labelId: string;
  podCount: number;
  hiddenSystem: number;
  badges: boolean;
}) {
  const cb = useDiagram();
  const note = useHighlightNote(node.key);
  return (
    <div className="kd-box__header" style={{ height: NODE_HEADER_H + (badges ? BADGE_ROW_H : 0) }}>
      <div className="kd-box__titlerow">
        <button
          type="button"
          id={labelId}
          className="kd-box__name"
          aria-label={nodeLabel(node) + note}
          title={`${nodeLabel(node)} (${node.internalIP})`}
          {...objectHandlers(cb, node.key)}
        >
          {node.name}
        </button>
        <span className={`kd-badge ${node.ready ? 'kd-badge--ok' : 'kd-badge--bad'}`}>
          {node.ready ? 'Ready' : 'NotReady'}
        </span>
        <span
          className="kd-box__count"
          title={hiddenSystem ? `${podCount} shown, ${hiddenSystem} kube-system pods hidden` : undefined}
        >
          {podCount} {podCount === 1 ? 'pod' : 'pods'}
        </span>
      </div>
      {badges && (
        <div className="kd-box__badges">
          {node.unschedulable && (
            <span className="kd-badge kd-badge--warn" title="Cordoned: the scheduler places no new pods here">
              SchedulingDisabled
            </span>
          )}
          {shownTaints(node)
            .slice(0, 2)
            .map((t) => (
              <span key={t} className="kd-badge kd-badge--taint" title={`Taint ${t}`}>
                taint: {taintEffect(t)}
              </span>
            ))}
        </div>
      )}
      <div className="kd-box__comps">
        <ComponentPill component={`kubelet/${node.name}`} label="kubelet" />
        <ComponentPill component={`kube-proxy/${node.name}`} label="kube-proxy" />
      </div>
      <div className="kd-box__bars">
        <Bar label="CPU" used={node.cpu.requested} total={node.cpu.allocatable} format={formatCpu} />
        <Bar label="Mem" used={node.memory.requested} total={node.memory.allocatable} format={formatMemory} />
      </div>
    </div>
  );
}

/** A cluster node (or the control plane) with its kubelet, kube-proxy and pods. */
export const NodeBox = memo(function NodeBox({ data }: NodeProps<BoxNode>) {
  const { node, controlPlane, items, podCount, hiddenSystem, areaTop } = data;
  const labelId = useId();
  const marks = useMarks(node?.key ?? null);
  const state = node ? `${node.ready ? '' : ' is-notready'}${node.unschedulable ? ' is-cordoned' : ''}` : '';
  return (
    <>
      <Handles list={data.handles} />
      <div
        className={`kd-box${controlPlane ? ' kd-box--cp' : ''}${state}${marks}`}
        role="group"
        aria-labelledby={node ? labelId : undefined}
        aria-label={node ? undefined : 'Control plane'}
      >
        {controlPlane && <ControlPlaneComponents />}
        {node && (
          <NodeHeader
            node={node}
            labelId={labelId}
            podCount={podCount}
            hiddenSystem={hiddenSystem}
            badges={data.badges}
          />
        )}
        <PodArea
          items={items}
          top={areaTop}
          where={node ? `on ${node.name}` : ''}
          emptyText={controlPlane && hiddenSystem ? 'Only system pods run here (hidden)' : 'No pods'}
        />
      </div>
    </>
  );
});

/** Pods the scheduler has not placed yet, with its reasons. */
export const PendingBox = memo(function PendingBox({ data }: NodeProps<PendingNode>) {
  const { items, podCount, hiddenSystem, reasons, areaTop } = data;
  return (
    <div
      className={`kd-box kd-box--pending${podCount ? ' has-pods' : ''}`}
      role="group"
      aria-label={`Pending (unscheduled): ${podCount} ${podCount === 1 ? 'pod' : 'pods'}`}
    >
      <div className="kd-box__header" style={{ height: PENDING_HEADER_H }}>
        <div className="kd-box__titlerow">
          <span className="kd-box__title">Pending (unscheduled)</span>
          <span className={`kd-badge ${podCount ? 'kd-badge--warn' : 'kd-badge--muted'}`}>{podCount}</span>
          {hiddenSystem > 0 && <span className="kd-muted">{hiddenSystem} system hidden</span>}
        </div>
        {reasons.length === 0 ? (
          <p className="kd-reason kd-muted">
            {podCount ? 'Waiting for the scheduler…' : 'No pods waiting for a node.'}
          </p>
        ) : (
          reasons.slice(0, 2).map((r) => (
            <p key={r} className="kd-reason" title={r}>
              <span className="kd-reason__tag">Why:</span> {r}
            </p>
          ))
        )}
      </div>
      <PodArea items={items} top={areaTop} where="waiting for a node" emptyText="" />
    </div>
  );
});

/** The third line of a Service box: who answers it. */
function endpointsText(s: ServiceView): string {
  const r = s.endpoints.ready.length;
  const nr = s.endpoints.notReady.length;
  if (isApiService(s)) return 'endpoint: the API server';
  if (r + nr === 0) return s.selector === null ? 'no selector, no endpoints' : '0 ready — no pods match';
  return `${r} ready${nr ? `, ${nr} not ready` : ''}`;
}

/** Its accessible name reads what the box shows, in the same order (then the namespace). */
function serviceLabel(s: ServiceView): string {
  const ns = s.namespace !== 'default' ? `, namespace ${s.namespace}` : '';
  return `Service ${s.name}: ${s.type} ${s.clusterIP} · ${s.ports}, ${endpointsText(s)}${ns}`;
}

/** A Service, linked to the pods behind its endpoints. */
export const ServiceBox = memo(function ServiceBox({ data }: NodeProps<ServiceNode>) {
  const s = data.service;
  const cb = useDiagram();
  const marks = useMarks(s.key);
  const note = useHighlightNote(s.key);
  const r = s.endpoints.ready.length;
  const nr = s.endpoints.notReady.length;
  const api = isApiService(s);
  const tone = api ? '' : r === 0 ? 'kd-warn' : nr ? 'kd-warn' : 'kd-ok';
  return (
    <>
      <Handles list={data.handles} />
      <button
        type="button"
        className={`kd-svc${r === 0 && !api ? ' is-empty' : ''}${marks}`}
        aria-label={serviceLabel(s) + note}
        title={serviceLabel(s)}
        {...objectHandlers(cb, s.key)}
      >
        <span className="kd-svc__top">
          <span className="kd-tag">Service</span> <span className="kd-svc__name">{s.name}</span>
        </span>{' '}
        <span className="kd-svc__line">
          {s.type} {s.clusterIP} · {s.ports}
        </span>{' '}
        <span className={`kd-svc__eps ${tone}`}>{endpointsText(s)}</span>
      </button>
    </>
  );
});
