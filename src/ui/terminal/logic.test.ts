import { describe, expect, it } from 'vitest';
import { applyCompletion, commonPrefix } from './completion';
import { addToHistory, HISTORY_KEY, HISTORY_LIMIT, historyStep, loadHistory, saveHistory } from './history';

describe('completion', () => {
  it('inserts a single candidate and a space, none after = or /', () => {
    expect(applyCompletion('kubectl get depl', 16, { from: 12, candidates: ['deployments'] })).toEqual({ line: 'kubectl get deployments ', cursor: 24, list: [] });
    expect(applyCompletion('kubectl get deploy/w', 20, { from: 12, candidates: ['deploy/web'] })?.line).toBe('kubectl get deploy/web ');
    expect(applyCompletion('kubectl get pods -o js', 22, { from: 20, candidates: ['jsonpath='] })?.line).toBe('kubectl get pods -o jsonpath=');
    expect(applyCompletion('kubectl get deploy/web s', 24, { from: 23, candidates: ['services/'] })?.line).toBe('kubectl get deploy/web services/');
  });

  it('completes in the middle of a line without doubling the space', () => {
    expect(applyCompletion('kubectl ge pods', 10, { from: 8, candidates: ['get'] })).toEqual({ line: 'kubectl get pods', cursor: 12, list: [] });
  });

  it('inserts the common prefix of several candidates and lists them', () => {
    expect(commonPrefix(['delete', 'describe'])).toBe('de');
    expect(applyCompletion('kubectl create s', 16, { from: 15, candidates: ['secret', 'service', 'serviceaccount'] })).toEqual({
      line: 'kubectl create se',
      cursor: 17,
      list: ['secret', 'service', 'serviceaccount'],
    });
    expect(applyCompletion('kubectl d', 9, { from: 8, candidates: ['delete', 'describe', 'drain'] })).toEqual({ line: 'kubectl d', cursor: 9, list: ['delete', 'describe', 'drain'] });
    expect(applyCompletion('kubectl x', 9, { from: 8, candidates: [] })).toBeUndefined();
  });
});

describe('history', () => {
  it('adds lines as bash does: no blanks, no repeat of the last line, the last 200', () => {
    expect(addToHistory(['a'], 'a')).toEqual(['a']);
    expect(addToHistory(['a'], '  ')).toEqual(['a']);
    expect(addToHistory(['a', 'b'], 'a')).toEqual(['a', 'b', 'a']);
    const many = Array.from({ length: HISTORY_LIMIT }, (_, i) => `l${i}`);
    expect(addToHistory(many, 'new')).toHaveLength(HISTORY_LIMIT);
  });

  it('walks back and forth, keeping the line being typed', () => {
    const entries = ['one', 'two'];
    const up1 = historyStep(entries, { index: 2, draft: '' }, 'typing', -1)!;
    expect(up1.line).toBe('two');
    const up2 = historyStep(entries, up1.cursor, 'two', -1)!;
    expect(up2.line).toBe('one');
    expect(historyStep(entries, up2.cursor, 'one', -1)).toBeUndefined();
    const down = historyStep(entries, historyStep(entries, up2.cursor, 'one', 1)!.cursor, 'two', 1)!;
    expect(down.line).toBe('typing');
    expect(historyStep(entries, down.cursor, 'typing', 1)).toBeUndefined();
  });

  it('persists in localStorage under kubesim.history.v1 and survives bad data', () => {
    const data = new Map<string, string>();
    const store = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    saveHistory(['kubectl get pods'], store);
    expect(JSON.parse(data.get(HISTORY_KEY)!)).toEqual(['kubectl get pods']);
    expect(loadHistory(store)).toEqual(['kubectl get pods']);
    data.set(HISTORY_KEY, '{oops');
    expect(loadHistory(store)).toEqual([]);
    expect(loadHistory(undefined)).toEqual([]);
  });
});
