/**
 * A lesson's Markdown, split into what the lesson panel shows. The file reads as one document:
 *
 *   # Title
 *   The introduction.
 *
 *   ## A step's title {#step-id}
 *   What to do (Markdown).
 *   ### Hints
 *   - a first nudge
 *   - a stronger one
 *   ### Why it works
 *   What happened inside the cluster, shown once the step passes.
 *
 *   ## What you learned {#done}
 *   The wrap-up, shown when every step has passed.
 *
 * Headings inside code fences are text. Hints are the list items of the `### Hints` section; the
 * explanation is the section whose heading starts with "Why".
 */
export interface LessonProse {
  title: string;
  intro: string;
  steps: Map<string, StepProse>;
  /** The `{#done}` section. */
  done: string;
}

export interface StepProse {
  id: string;
  title: string;
  /** Markdown instructions. */
  body: string;
  hints: string[];
  /** Markdown explanation shown on success. */
  why: string;
}

export function parseLessonProse(markdown: string): LessonProse {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let title = '';
  const intro: string[] = [];
  const steps = new Map<string, StepProse>();
  let done: string[] | undefined;
  let step: { id: string; title: string; body: string[]; hints: string[]; why: string[] } | undefined;
  let part: 'body' | 'hints' | 'why' | 'other' = 'body';
  let fence = false;

  const close = () => {
    if (!step) return;
    steps.set(step.id, { id: step.id, title: step.title, body: trim(step.body), hints: listItems(step.hints), why: trim(step.why) });
    step = undefined;
  };

  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const h = fence ? null : /^(#{1,3})\s+(.*?)\s*$/.exec(line);
    if (h && h[1] === '#' && !title) {
      title = h[2]!;
      continue;
    }
    if (h && h[1] === '##') {
      close();
      done = undefined;
      const m = /^(.*?)\s*\{#([a-z0-9-]+)\}$/.exec(h[2]!);
      if (!m) throw new Error(`lesson Markdown: section "${h[2]}" has no {#id}`);
      if (m[2] === 'done') done = [];
      else {
        if (steps.has(m[2]!)) throw new Error(`lesson Markdown: two sections are {#${m[2]}}`);
        step = { id: m[2]!, title: m[1]!, body: [], hints: [], why: [] };
        part = 'body';
      }
      continue;
    }
    if (h && h[1] === '###' && step) {
      part = /^hints?$/i.test(h[2]!) ? 'hints' : /^why/i.test(h[2]!) ? 'why' : 'other';
      if (part === 'other') step.body.push(line);
      continue;
    }
    if (done) done.push(line);
    else if (step) (part === 'hints' ? step.hints : part === 'why' ? step.why : step.body).push(line);
    else intro.push(line);
  }
  close();
  return { title, intro: trim(intro), steps, done: trim(done ?? []) };
}

function trim(lines: string[]): string {
  return lines.join('\n').trim();
}

/** The items of a Markdown list (`- x`, `* x`, `1. x`), continuation lines joined to their item. */
function listItems(lines: string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    const m = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (m) items.push(m[1]!);
    else if (line.trim() && items.length) items[items.length - 1] += '\n' + line.trim();
  }
  return items;
}

/**
 * A lesson's solution script split by step: `# step: ID` lines open each step's part. Lines before the
 * first marker belong to no step (a comment about the whole solution).
 */
export function splitSolution(script: string): Map<string, string> {
  const parts = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of script.replace(/\r\n/g, '\n').split('\n')) {
    const m = /^#\s*step:\s*([a-z0-9-]+)\s*$/.exec(line);
    if (m) {
      if (parts.has(m[1]!)) throw new Error(`solution: two parts are "# step: ${m[1]}"`);
      parts.set(m[1]!, (current = []));
      continue;
    }
    current?.push(line);
  }
  return new Map([...parts].map(([id, ls]) => [id, ls.join('\n').trim() + '\n']));
}
