/**
 * A small, safe evaluator for the CEL subset Inngest users write in `if`, `match`, `cancelOn`,
 * concurrency and idempotency keys: dotted paths and `[..]` on the given variables (`event`,
 * `async`), string/number/bool/null literals, `== != < <= > >=`, `&& || !`, unary `-`, parentheses.
 * No eval: expressions are tokenized, parsed to a tree and walked.
 *
 * As in CEL, reading a missing field is an error, so a comparison with a missing side is false:
 * `event.data.id == async.data.id` does not match when both events lack `id`.
 */

type Node =
  | { k: "lit"; v: unknown }
  | { k: "var"; name: string }
  | { k: "get"; obj: Node; key: Node }
  | { k: "not" | "neg"; arg: Node }
  | { k: "bin"; op: string; l: Node; r: Node };

type Token = { t: "num" | "str" | "id" | "op" | "end"; v: string | number };

const MISSING = Symbol("missing");
const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "-", "(", ")", "[", "]", "."];
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' };

function readString(src: string, start: number): [string, number] {
  const quote = src[start];
  let out = "";
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i]!;
    if (c === quote) return [out, i + 1];
    if (c === "\\") out += ESCAPES[src[++i] ?? ""] ?? src[i] ?? "";
    else out += c;
  }
  throw new Error("unterminated string");
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const space = /^\s+/.exec(rest)?.[0];
    const num = /^\d+(\.\d+)?/.exec(rest)?.[0];
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (space) {
      i += space.length;
    } else if (num) {
      tokens.push({ t: "num", v: Number(num) });
      i += num.length;
    } else if (id) {
      tokens.push({ t: "id", v: id });
      i += id.length;
    } else if (src[i] === "'" || src[i] === '"') {
      const [value, next] = readString(src, i);
      tokens.push({ t: "str", v: value });
      i = next;
    } else if (op) {
      tokens.push({ t: "op", v: op });
      i += op.length;
    } else {
      throw new Error(`unexpected "${src[i]}" at ${i}`);
    }
  }
  tokens.push({ t: "end", v: "" });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.binary(0);
    if (this.peek().t !== "end") throw new Error(`unexpected "${this.peek().v}"`);
    return node;
  }

  private static LEVELS = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">="]];

  private binary(level: number): Node {
    if (level === Parser.LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    while (this.peek().t === "op" && Parser.LEVELS[level]!.includes(this.peek().v as string)) {
      const op = this.next().v as string;
      l = { k: "bin", op, l, r: this.binary(level + 1) };
    }
    return l;
  }

  private unary(): Node {
    if (this.accept("!")) return { k: "not", arg: this.unary() };
    if (this.accept("-")) return { k: "neg", arg: this.unary() };
    let node = this.primary();
    for (;;) {
      if (this.accept(".")) node = { k: "get", obj: node, key: { k: "lit", v: this.expect("id") } };
      else if (this.accept("[")) {
        node = { k: "get", obj: node, key: this.binary(0) };
        this.expectOp("]");
      } else return node;
    }
  }

  private primary(): Node {
    const tok = this.next();
    if (tok.t === "num" || tok.t === "str") return { k: "lit", v: tok.v };
    if (tok.t === "op" && tok.v === "(") {
      const inner = this.binary(0);
      this.expectOp(")");
      return inner;
    }
    if (tok.t === "id") {
      if (tok.v === "true" || tok.v === "false") return { k: "lit", v: tok.v === "true" };
      if (tok.v === "null") return { k: "lit", v: null };
      return { k: "var", name: tok.v as string };
    }
    throw new Error(`unexpected "${tok.v || "end of expression"}"`);
  }

  private peek = () => this.tokens[this.i]!;
  private next = () => this.tokens[this.i++]!;
  private accept(op: string): boolean {
    const tok = this.peek();
    if (tok.t !== "op" || tok.v !== op) return false;
    this.i++;
    return true;
  }
  private expectOp(op: string) {
    if (!this.accept(op)) throw new Error(`expected "${op}"`);
  }
  private expect(t: Token["t"]): string {
    const tok = this.next();
    if (tok.t !== t) throw new Error(`expected a name after "."`);
    return tok.v as string;
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === MISSING || b === MISSING) return false;
  if (op === "==") return equal(a, b);
  if (op === "!=") return !equal(a, b);
  if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) return false;
  const [x, y] = [a as number | string, b as number | string];
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
}

function read(obj: unknown, key: unknown): unknown {
  if (obj === null || typeof obj !== "object" || (typeof key !== "string" && typeof key !== "number")) return MISSING;
  return Object.hasOwn(obj, key) ? (obj as Record<string | number, unknown>)[key] : MISSING;
}

function walk(node: Node, vars: Record<string, unknown>): unknown {
  switch (node.k) {
    case "lit":
      return node.v;
    case "var":
      return Object.hasOwn(vars, node.name) ? vars[node.name] : MISSING;
    case "get":
      return read(walk(node.obj, vars), walk(node.key, vars));
    case "not": {
      const v = walk(node.arg, vars);
      return typeof v === "boolean" ? !v : MISSING;
    }
    case "neg": {
      const v = walk(node.arg, vars);
      return typeof v === "number" ? -v : MISSING;
    }
    case "bin":
      if (node.op === "&&") return walk(node.l, vars) === true && walk(node.r, vars) === true;
      if (node.op === "||") return walk(node.l, vars) === true || walk(node.r, vars) === true;
      return compare(node.op, walk(node.l, vars), walk(node.r, vars));
  }
}

const cache = new Map<string, Node>();

/** Parses (and caches) an expression; throws a descriptive error when it is not valid. */
export function compile(expression: string): Node {
  let node = cache.get(expression);
  if (!node) {
    try {
      node = new Parser(tokenize(expression)).parse();
    } catch (err) {
      throw new Error(`invalid expression ${JSON.stringify(expression)}: ${(err as Error).message}`);
    }
    cache.set(expression, node);
  }
  return node;
}

/** The expression's value, or undefined when it reads a missing field. */
export function evaluate(expression: string, vars: Record<string, unknown>): unknown {
  const v = walk(compile(expression), vars);
  return v === MISSING ? undefined : v;
}

/** True only when the expression evaluates to `true`; a missing expression always matches. */
export function matches(expression: string | undefined, vars: Record<string, unknown>): boolean {
  return !expression || evaluate(expression, vars) === true;
}
