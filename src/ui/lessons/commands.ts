/**
 * The commands of a shell block in a lesson that a Run button may send to the terminal, or null when
 * the block is a pattern the learner must complete first: `kubectl delete pod web-xxxxx`,
 * `kubectl describe pod NAME`, `sim curl http://NODE-IP:PORT`, `<name>`.
 */
export function runnableCommands(block: string): string[] | null {
  const lines = block.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  if (lines.length === 0) return null;
  const placeholder = /x{4,}|<[^<>\s]+>|(?:^|[\s/=])[A-Z][A-Z0-9_-]{2,}(?=$|[\s:/])|\.\.\./;
  if (lines.some((l) => placeholder.test(l.replace(/^\s+/, '')) && !isFlagValue(l))) return null;
  // A here-document cannot be typed at a prompt: the editor is where manifests go.
  if (lines.some((l) => /<<-?\s*'?\w+'?\s*$/.test(l))) return null;
  return lines.map((l) => l.trim());
}

/** Upper-case words that are real values, not placeholders: `-o custom-columns=NAME:.metadata.name`. */
function isFlagValue(line: string): boolean {
  return /custom-columns=/.test(line) && !/x{4,}|<[^<>\s]+>|(?:^|\s|\/)[A-Z][A-Z0-9_-]{2,}(?=$|[\s:/])/.test(line.replace(/custom-columns=\S+/g, ''));
}
