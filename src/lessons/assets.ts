/**
 * The lessons' files for the UI, each its own small chunk loaded when a lesson opens: the Markdown
 * prose, the starter manifests and the solution scripts (shown on request).
 */
const files = import.meta.glob<string>('./*/*.{md,yaml,sh}', { query: '?raw', import: 'default' });

export async function loadLessonFile(lessonId: string, name: string): Promise<string> {
  const load = files[`./${lessonId}/${name}`];
  if (!load) throw new Error(`lesson ${lessonId} has no file ${name}`);
  return load();
}
