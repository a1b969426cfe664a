/**
 * Word-wraps a prompt for the animatic title card: the largest font size (within bounds) at which
 * the whole prompt fits the text area, else the smallest size with the text cut off by an ellipsis.
 * Widths are estimated: DejaVu Sans averages about 0.5 em per character; 0.58 leaves slack for
 * wide letters.
 */

const CHAR_EM = 0.58;
const LINE_HEIGHT = 1.3;

export interface TextLayout {
  lines: string[];
  fontSize: number;
  /** Extra pixels between lines (drawtext line_spacing). */
  lineSpacing: number;
}

export interface TextBox {
  width: number;
  height: number;
  maxFontSize: number;
  minFontSize: number;
}

/** Greedy wrap at `maxChars`; words longer than a line are split. */
export function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > maxChars) {
      if (line) lines.push(line);
      lines.push(word.slice(0, maxChars));
      word = word.slice(maxChars);
      line = "";
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function truncate(lines: string[], maxLines: number, maxChars: number): string[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  const last = kept[kept.length - 1]!;
  kept[kept.length - 1] = `${last.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
  return kept;
}

export function layoutText(text: string, box: TextBox): TextLayout {
  const clean = text.replace(/\s+/g, " ").trim();
  const shape = (size: number) => {
    const maxChars = Math.max(8, Math.floor(box.width / (size * CHAR_EM)));
    const maxLines = Math.max(1, Math.floor(box.height / (size * LINE_HEIGHT)));
    return { maxChars, maxLines, lines: wrap(clean, maxChars) };
  };
  for (let size = box.maxFontSize; size > box.minFontSize; size--) {
    const s = shape(size);
    if (s.lines.length <= s.maxLines) return { lines: s.lines, fontSize: size, lineSpacing: Math.round(size * (LINE_HEIGHT - 1)) };
  }
  const size = box.minFontSize;
  const s = shape(size);
  return { lines: truncate(s.lines, s.maxLines, s.maxChars), fontSize: size, lineSpacing: Math.round(size * (LINE_HEIGHT - 1)) };
}
