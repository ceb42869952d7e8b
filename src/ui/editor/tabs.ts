import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** One open manifest: what `kubectl apply -f FILENAME` reads when it is applied. */
export interface ManifestTab {
  id: string;
  filename: string;
  text: string;
}

export interface EditorTabsState {
  tabs: ManifestTab[];
  /** The tab shown in the editor; null once every tab is closed. */
  activeId: string | null;
  /** Source of tab ids (`tab-1`, `tab-2`, ...), kept with the tabs so ids stay unique after a reload. */
  nextId: number;
}

export interface EditorTabsActions {
  /**
   * Opens `filename` in a new tab, or focuses the tab already holding that filename. An existing tab
   * keeps its (possibly edited) text unless `replace` is set. Returns the tab's id.
   */
  open(filename: string, text: string, options?: { replace?: boolean }): string;
  /** A new tab `manifest-N.yaml` with a starter text; returns its id. */
  openNew(): string;
  close(id: string): void;
  update(id: string, text: string): void;
  setActive(id: string): void;
  /** Back to the single default manifest. */
  reset(): void;
}

export const STORAGE_KEY = 'kubesim.editor.v1';

export const DEFAULT_FILENAME = 'deployment.yaml';

export const DEFAULT_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

export const NEW_MANIFEST = `# Ctrl+Space suggests fields and values;
# hover a field to read its documentation.
apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
    - name: app
      image: nginx:1.27
`;

function initialState(): EditorTabsState {
  return {
    tabs: [{ id: 'tab-1', filename: DEFAULT_FILENAME, text: DEFAULT_MANIFEST }],
    activeId: 'tab-1',
    nextId: 2,
  };
}

/** `manifest-1.yaml`, `manifest-2.yaml`, ...: the first name no open tab uses. */
export function freeFilename(tabs: readonly ManifestTab[]): string {
  const taken = new Set(tabs.map((t) => t.filename));
  for (let n = 1; ; n++) {
    const name = `manifest-${n}.yaml`;
    if (!taken.has(name)) return name;
  }
}

export const useEditorTabs = create<EditorTabsState & EditorTabsActions>()(
  persist(
    (set, get) => ({
      ...initialState(),

      open: (filename, text, options) => {
        const existing = get().tabs.find((t) => t.filename === filename);
        if (existing) {
          set((s) => ({
            activeId: existing.id,
            tabs: options?.replace ? s.tabs.map((t) => (t.id === existing.id ? { ...t, text } : t)) : s.tabs,
          }));
          return existing.id;
        }
        const id = `tab-${get().nextId}`;
        set((s) => ({ tabs: [...s.tabs, { id, filename, text }], activeId: id, nextId: s.nextId + 1 }));
        return id;
      },

      openNew: () => get().open(freeFilename(get().tabs), NEW_MANIFEST),

      close: (id) =>
        set((s) => {
          const i = s.tabs.findIndex((t) => t.id === id);
          if (i < 0) return s;
          const tabs = s.tabs.filter((t) => t.id !== id);
          // Closing the shown tab shows its right-hand neighbour (or the new last tab), as editors do.
          const activeId = s.activeId === id ? (tabs[Math.min(i, tabs.length - 1)]?.id ?? null) : s.activeId;
          return { tabs, activeId };
        }),

      update: (id, text) =>
        set((s) => {
          const tab = s.tabs.find((t) => t.id === id);
          if (!tab || tab.text === text) return s;
          return { tabs: s.tabs.map((t) => (t.id === id ? { ...t, text } : t)) };
        }),

      setActive: (id) => set((s) => (s.tabs.some((t) => t.id === id) ? { activeId: id } : s)),

      reset: () => set(initialState()),
    }),
    {
      name: STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s): EditorTabsState => ({ tabs: s.tabs, activeId: s.activeId, nextId: s.nextId }),
      // A stored value that is not what we wrote (hand-edited, another version) falls back to the default.
      merge: (persisted, current) => (isTabsState(persisted) ? { ...current, ...persisted } : current),
    },
  ),
);

function isTabsState(v: unknown): v is EditorTabsState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<EditorTabsState>;
  return (
    Array.isArray(s.tabs) &&
    s.tabs.every(
      (t: Partial<ManifestTab>) =>
        typeof t?.id === 'string' && typeof t.filename === 'string' && typeof t.text === 'string',
    ) &&
    (s.activeId === null || typeof s.activeId === 'string') &&
    typeof s.nextId === 'number'
  );
}
