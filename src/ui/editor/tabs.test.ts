import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The store persists to localStorage, which Node lacks: a Map stands in for it.
const backing = new Map<string, string>();
beforeAll(() => {
  globalThis.localStorage = {
    getItem: (k: string) => backing.get(k) ?? null,
    setItem: (k: string, v: string) => void backing.set(k, v),
    removeItem: (k: string) => void backing.delete(k),
    clear: () => backing.clear(),
    key: (i: number) => [...backing.keys()][i] ?? null,
    get length() {
      return backing.size;
    },
  } as Storage;
});

async function store() {
  const m = await import('./tabs');
  return m;
}

describe('editor tabs', () => {
  beforeEach(async () => {
    (await store()).useEditorTabs.getState().reset();
  });

  it('starts with the nginx Deployment in deployment.yaml', async () => {
    const { useEditorTabs, DEFAULT_MANIFEST } = await store();
    const s = useEditorTabs.getState();
    expect(s.tabs).toEqual([{ id: 'tab-1', filename: 'deployment.yaml', text: DEFAULT_MANIFEST }]);
    expect(s.activeId).toBe('tab-1');
    expect(DEFAULT_MANIFEST).toContain('replicas: 3');
    expect(DEFAULT_MANIFEST).toContain('image: nginx:1.27');
    expect(DEFAULT_MANIFEST).toContain('containerPort: 80');
  });

  it('open focuses an existing filename and replaces its text only when asked', async () => {
    const { useEditorTabs } = await store();
    const s = useEditorTabs.getState();
    const pod = s.open('pod-web-xyz.yaml', 'kind: Pod\n');
    expect(useEditorTabs.getState().activeId).toBe(pod);
    s.update(pod, 'kind: Pod # edited\n');
    s.setActive('tab-1');
    expect(s.open('pod-web-xyz.yaml', 'kind: Pod\n')).toBe(pod);
    expect(useEditorTabs.getState().activeId).toBe(pod);
    expect(useEditorTabs.getState().tabs.find((t) => t.id === pod)?.text).toBe('kind: Pod # edited\n');
    s.open('pod-web-xyz.yaml', 'kind: Pod # live\n', { replace: true });
    expect(useEditorTabs.getState().tabs.find((t) => t.id === pod)?.text).toBe('kind: Pod # live\n');
    expect(useEditorTabs.getState().tabs).toHaveLength(2);
  });

  it('new manifests get free names; closing the shown tab shows its neighbour', async () => {
    const { useEditorTabs } = await store();
    const s = useEditorTabs.getState();
    const a = s.openNew();
    const b = s.openNew();
    expect(useEditorTabs.getState().tabs.map((t) => t.filename)).toEqual([
      'deployment.yaml',
      'manifest-1.yaml',
      'manifest-2.yaml',
    ]);
    s.setActive(a);
    s.close(a);
    expect(useEditorTabs.getState().activeId).toBe(b);
    s.close(b);
    expect(useEditorTabs.getState().activeId).toBe('tab-1');
    s.close('tab-1');
    expect(useEditorTabs.getState()).toMatchObject({ tabs: [], activeId: null });
    // Ids are never reused, even after closing.
    expect(s.openNew()).toBe('tab-4');
  });

  it('persists tabs under kubesim.editor.v1', async () => {
    const { useEditorTabs, STORAGE_KEY } = await store();
    useEditorTabs.getState().open('svc.yaml', 'kind: Service\n');
    const saved = JSON.parse(backing.get(STORAGE_KEY)!) as { state: { tabs: Array<{ filename: string }> } };
    expect(saved.state.tabs.map((t) => t.filename)).toEqual(['deployment.yaml', 'svc.yaml']);
    expect(STORAGE_KEY).toBe('kubesim.editor.v1');
  });
});
