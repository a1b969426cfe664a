import { MAX_DEPTH, type PathSegment } from "./parse-limits";

interface JsonScan {
  /** The first syntax error (RFC 8259) or duplicate key, if any. */
  error?: { offset: number; message: string; path?: PathSegment[] };
  /** Offset of the first value (for the position of a wrong top-level type). */
  start: number;
  /** Offset of the first collection nested deeper than `maxDepth`. */
  tooDeepAt?: number;
}

/**
 * Scans JSON text without building anything: syntax, duplicate keys (JSON.parse silently keeps the
 * last one; the YAML side rejects them) and depth. Iterative, so `[[[[…` cannot overflow the stack.
 */
export function scanJson(text: string, maxDepth = MAX_DEPTH): JsonScan {
  const result: JsonScan = { start: 0 };
  let started = false;
  const n = text.length;
  // The open collections, with the key (or index) of the current member.
  const stack: Array<{ open: number; segment: PathSegment; keys?: Set<string> }> = [];
  let i = 0;
  let state: "value" | "key" | "after" = "value";
  const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const describe = (at: number) => (at >= n ? "end of input" : `character ${JSON.stringify(text[at])}`);
  const err = (offset: number, message: string) => ({ offset, message: `Invalid JSON: ${message}` });

  const scanString = (start: number): number | { offset: number; message: string } => {
    let j = start + 1;
    for (;;) {
      if (j >= n) return err(start, "unterminated string");
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) return err(j, "control character in a string (use an escape such as \\n)");
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return err(j, "bad \\u escape in a string");
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
        else return err(j, "bad escape in a string");
      } else j++;
    }
  };
  const scanNumber = (start: number): number | { offset: number; message: string } => {
    let j = start;
    if (text.charCodeAt(j) === 0x2d) j++;
    if (text.charCodeAt(j) === 0x30) j++;
    else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
    else return err(j, `unexpected ${describe(j)} in a number`);
    if (text.charCodeAt(j) === 0x2e) {
      j++;
      if (!isDigit(text.charCodeAt(j))) return err(j, `unexpected ${describe(j)} after a decimal point`);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    if (text.charCodeAt(j) === 0x65 || text.charCodeAt(j) === 0x45) {
      j++;
      if (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d) j++;
      if (!isDigit(text.charCodeAt(j))) return err(j, `unexpected ${describe(j)} in an exponent`);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    return j;
  };

  const run = (): JsonScan["error"] => {
    for (;;) {
      while (i < n && isWs(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if (state === "value") {
        if (i >= n) return err(i, "unexpected end of input (a value is missing)");
        if (!started) {
          started = true;
          result.start = i;
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c === 0x7b ? { open: c, segment: "", keys: new Set() } : { open: c, segment: 0 });
          if (stack.length > maxDepth && result.tooDeepAt === undefined) result.tooDeepAt = i;
          i++;
          while (i < n && isWs(text.charCodeAt(i))) i++;
          const close = c === 0x7b ? 0x7d : 0x5d;
          if (text.charCodeAt(i) === close) {
            stack.pop();
            i++;
            state = "after";
          } else state = c === 0x7b ? "key" : "value";
          continue;
        }
        let r: number | { offset: number; message: string };
        if (c === 0x22) r = scanString(i);
        else if (c === 0x2d || isDigit(c)) r = scanNumber(i);
        else {
          const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
          r = word ? i + word.length : err(i, `unexpected ${describe(i)}`);
        }
        if (typeof r !== "number") return r;
        i = r;
        state = "after";
      } else if (state === "key") {
        if (c !== 0x22) return err(i, `expected a double-quoted property name, found ${describe(i)}`);
        const r = scanString(i);
        if (typeof r !== "number") return r;
        const raw = text.slice(i, r);
        const name = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const frame = stack[stack.length - 1];
        if (frame?.keys) {
          if (frame.keys.has(name)) {
            return { offset: i, message: `Duplicate key "${name}".`, path: [...stack.map((f) => f.segment).slice(0, -1), name] };
          }
          frame.keys.add(name);
          frame.segment = name;
        }
        i = r;
        while (i < n && isWs(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) !== 0x3a) return err(i, `expected ':' after a property name, found ${describe(i)}`);
        i++;
        state = "value";
      } else {
        const top = stack[stack.length - 1];
        if (top === undefined) return i < n ? err(i, `unexpected ${describe(i)} after the end of the JSON value`) : undefined;
        const close = top.open === 0x7b ? 0x7d : 0x5d;
        if (c === 0x2c) {
          i++;
          if (typeof top.segment === "number") top.segment++;
          state = top.open === 0x7b ? "key" : "value";
        } else if (c === close) {
          stack.pop();
          i++;
        } else {
          return err(i, `expected ',' or '${String.fromCharCode(close)}', found ${describe(i)}`);
        }
      }
    }
  };
  result.error = run();
  return result;
}
