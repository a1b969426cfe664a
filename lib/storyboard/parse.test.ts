import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";

import { MAX_SOURCE_BYTES, detectFormat, parseStoryboardSource, type ParseIssue, type ParseResult, type ParsedSource } from "./parse";

function ok(text: string, format: "yaml" | "json" = "yaml"): ParsedSource {
  const result = parseStoryboardSource(text, format);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.source;
}

function err(text: string, format: "yaml" | "json" = "yaml"): ParseIssue {
  const result = parseStoryboardSource(text, format);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.source.value)}`);
  return result.error;
}

function withHeap<T>(fn: () => T): { result: T; heapMb: number } {
  const heap0 = process.memoryUsage().heapUsed;
  const result = fn();
  return { result, heapMb: (process.memoryUsage().heapUsed - heap0) / 1024 / 1024 };
}

const STORYBOARD_YAML = `# A storyboard
title: Storm over the harbour
global_prompt:
  positive: cinematic, 35mm
  negative: blurry
symbols:
  captain:
    prompt: an old sea captain with a grey beard
scenes:
  - id: intro
    prompt: "@captain looks at the sky"
    duration: 5
    audio: &harbour
      ambient: { asset_id: asset_ambient_ocean, volume: 0.4 }
  - id: storm
    prompt: |
      Waves crash over the pier.
      Lightning.
    duration: 7.5
    audio:
      sfx:
        - asset_id: asset_sfx_impact
          start: 1.5
  - id: calm
    prompt: The sea is calm again
    duration: 4
    audio: *harbour
transitions:
  default: fade
  "intro->storm": { type: flash, duration: 0.2 }
timeline: null
`;

const STORYBOARD_VALUE = {
  title: "Storm over the harbour",
  global_prompt: { positive: "cinematic, 35mm", negative: "blurry" },
  symbols: { captain: { prompt: "an old sea captain with a grey beard" } },
  scenes: [
    {
      id: "intro",
      prompt: "@captain looks at the sky",
      duration: 5,
      audio: { ambient: { asset_id: "asset_ambient_ocean", volume: 0.4 } },
    },
    {
      id: "storm",
      prompt: "Waves crash over the pier.\nLightning.\n",
      duration: 7.5,
      audio: { sfx: [{ asset_id: "asset_sfx_impact", start: 1.5 }] },
    },
    {
      id: "calm",
      prompt: "The sea is calm again",
      duration: 4,
      audio: { ambient: { asset_id: "asset_ambient_ocean", volume: 0.4 } },
    },
  ],
  transitions: { default: "fade", "intro->storm": { type: "flash", duration: 0.2 } },
  timeline: null,
};

/** 9 levels of 9 aliases each: 9^9 ≈ 387 million strings if expanded. */
function billionLaughs(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 9; level++) {
    const prev = String.fromCharCode(96 + level);
    const cur = String.fromCharCode(97 + level);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(", ")}]`);
  }
  return lines.join("\n");
}

describe("parseStoryboardSource: values", () => {
  it("parses YAML and JSON to the same plain value", () => {
    const yaml = ok(STORYBOARD_YAML, "yaml");
    const json = ok(JSON.stringify(STORYBOARD_VALUE, null, 2), "json");
    expect(yaml.format).toBe("yaml");
    expect(json.format).toBe("json");
    expect(yaml.value).toStrictEqual(STORYBOARD_VALUE);
    expect(json.value).toStrictEqual(STORYBOARD_VALUE);
    expect(Object.getPrototypeOf(yaml.value)).toBe(Object.prototype);
    expect(Array.isArray((yaml.value as { scenes: unknown }).scenes)).toBe(true);
  });

  it("keeps YAML core-schema scalars and makes every key a string", () => {
    const { value } = ok("a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: 0x10\n1: one\ntrue: yes\nnull: n\ng: 2001-12-14\n<<: {x: 1}\n");
    expect(value).toStrictEqual({
      a: 1,
      b: 1.5,
      c: true,
      d: null,
      e: "1",
      f: 16,
      "1": "one",
      true: "yes",
      null: "n",
      g: "2001-12-14",
      "<<": { x: 1 },
    });
  });

  it("accepts the core tags, `!`, a %YAML 1.2 directive and a byte-order mark", () => {
    expect(ok("%YAML 1.2\n---\na: !!str 12\nb: ! 12\nc: !!float 1.5\nd: !!map {x: !!seq [1]}\n").value).toStrictEqual({
      a: "12",
      b: "12",
      c: 1.5,
      d: { x: [1] },
    });
    expect(ok("\uFEFFa: 1").value).toStrictEqual({ a: 1 });
    expect(ok('\uFEFF{"a": 1}', "json").value).toStrictEqual({ a: 1 });
  });

  it("expands aliases (each alias refers to the latest anchor before it)", () => {
    const { value } = ok("a: &x 1\nb: &y [*x]\nc: &x 2\nd: *y\ne: *x\nf: [b: 1, c]\n");
    expect(value).toStrictEqual({ a: 1, b: [1], c: 2, d: [1], e: 2, f: [{ b: 1 }, "c"] });
  });
});

describe("parseStoryboardSource: syntax errors", () => {
  it("reports a YAML syntax error with its line and column", () => {
    const error = err("title: x\nscenes:\n  - id: a\n    prompt: a: b\n    duration: 5\n");
    expect(error).toEqual({ path: "(document)", message: "Nested mappings are not allowed in compact mappings", line: 4, column: 13 });

    const flow = err("title: x\nscenes:\n  - id: a\n    prompt: [a, b\n  - id: b\n");
    expect(flow).toMatchObject({ message: expect.stringMatching(/end with a \]/), line: 5, column: 3 });

    // The yaml library reports an unterminated quoted string where the input ends.
    expect(err('title: x\nprompt: "unterminated\nduration: 5\n')).toMatchObject({ message: expect.stringMatching(/quote/), line: 4 });

    // Over-indented: "a\n duration: 5" reads as a mapping nested in the value of `id`.
    expect(err("title: x\nscenes:\n  - id: a\n     duration: 5\n")).toMatchObject({ line: 3, column: 9 });

    const tab = err("a:\n\t- x\n");
    expect(tab).toMatchObject({ path: "(document)", line: 2, column: 1 });
  });

  it("reports a JSON syntax error with its line and column", () => {
    expect(err('{\n  "title": "x",\n  "scenes": [1, 2,]\n}', "json")).toMatchObject({ path: "(document)", line: 3, column: 19 });
    expect(err('{"a": }', "json")).toMatchObject({ line: 1, column: 7 });
    expect(err('{"a": 1', "json")).toMatchObject({ line: 1, column: 8 });
    expect(err('{"a": tru}', "json")).toMatchObject({ line: 1, column: 7 });
    expect(err('{"a": "\\x"}', "json")).toMatchObject({ line: 1, column: 8 });
    expect(err('{"a": 1} x', "json")).toMatchObject({ line: 1, column: 10 });
    expect(err("", "json").message).toMatch(/end of input/);
    expect(err("{'a': 1}", "json").message).toMatch(/double-quoted/);
  });
});

describe("parseStoryboardSource: locate", () => {
  const source = ok(STORYBOARD_YAML);

  it("points at the value of an existing path", () => {
    // "    duration: 7.5" is line 19; the value starts at column 15.
    expect(source.locate(["scenes", 1, "duration"])).toEqual({ line: 19, column: 15 });
    expect(source.locate(["title"])).toEqual({ line: 2, column: 8 });
    expect(source.locate(["scenes", 1])).toEqual({ line: 15, column: 5 });
    expect(source.locate(["scenes", 1, "audio", "sfx", 0, "start"])).toEqual({ line: 23, column: 18 });
    expect(source.locate(["transitions", "intro->storm", "duration"])).toEqual({ line: 30, column: 44 });
    expect(source.locate(["timeline"])).toEqual({ line: 31, column: 11 });
    expect(source.locate([])).toEqual({ line: 2, column: 1 });
  });

  it("falls back to the nearest existing ancestor for a missing path", () => {
    // scenes[1] has no "order": its mapping (first key at line 15).
    expect(source.locate(["scenes", 1, "order"])).toEqual({ line: 15, column: 5 });
    // global_prompt exists, "style" does not: where the global_prompt key is.
    expect(source.locate(["global_prompt", "style", "x"])).toEqual({ line: 3, column: 1 });
    // scenes[7] does not exist: the scenes key.
    expect(source.locate(["scenes", 7, "duration"])).toEqual({ line: 9, column: 1 });
    expect(source.locate(["nope"])).toEqual({ line: 2, column: 1 });
  });

  it("follows aliases into the anchored node, and points at the alias itself", () => {
    expect(source.locate(["scenes", 2, "audio"])).toEqual({ line: 27, column: 12 });
    expect(source.locate(["scenes", 2, "audio", "ambient", "volume"])).toEqual({ line: 14, column: 57 });
  });

  it("locates nodes in JSON input too", () => {
    const json = ok('{\n  "title": "t",\n  "scenes": [\n    {"id": "a", "duration": 5},\n    {"id": "b", "duration": 7}\n  ]\n}', "json");
    expect(json.locate(["scenes", 1, "duration"])).toEqual({ line: 5, column: 29 });
    expect(json.locate(["scenes", 1, "order"])).toEqual({ line: 5, column: 5 });
    expect(json.locate(["title"])).toEqual({ line: 2, column: 12 });
  });
});

describe("parseStoryboardSource: safety", () => {
  // How fast these hostile documents are refused is measured by `just bench` (as ratios to a benign
  // parse in the same run); here only what they produce, which does not depend on the machine's load.
  it("rejects a billion-laughs document without a memory blow-up", () => {
    const text = billionLaughs();
    parseStoryboardSource("a: 1", "yaml"); // warm up
    const { result, heapMb } = withHeap(() => parseStoryboardSource(text, "yaml"));
    expect(result.ok).toBe(false);
    expect((result as Extract<ParseResult, { ok: false }>).error).toMatchObject({ message: expect.stringMatching(/alias expansions/), limit: 1000 });
    expect(heapMb).toBeLessThan(50);
  });

  it("bounds alias amplification of large strings", () => {
    const text = `x: &s "${"y".repeat(90_000)}"\ny: [${Array(30).fill("*s").join(", ")}]`;
    expect(err(text)).toMatchObject({ path: "y[10]", message: expect.stringMatching(/characters of data/) });
  });

  it("rejects self-referencing and unknown aliases", () => {
    expect(err("a: &x [1, *x]")).toMatchObject({ path: "a[1]", line: 1, column: 11 });
    expect(err("a: *nope")).toMatchObject({ path: "a", message: expect.stringMatching(/Unknown alias/) });
  });

  it("rejects more than 100 KB before parsing", () => {
    const text = `title: "${"x".repeat(1024 * 1024)}"`;
    const result = parseStoryboardSource(text, "yaml");
    expect(result).toEqual({
      ok: false,
      error: { path: "(document)", message: expect.stringMatching(/^The storyboard is larger than 100 KB/), limit: 102400 },
    });
    expect(parseStoryboardSource(`{"a":"${"x".repeat(1024 * 1024)}"}`, "json")).toMatchObject({ ok: false, error: { limit: 102400 } });
  });

  it("counts UTF-8 bytes, not characters", () => {
    const fits = `a: ${"x".repeat(MAX_SOURCE_BYTES - 3)}`;
    expect(ok(fits).value).toEqual({ a: "x".repeat(MAX_SOURCE_BYTES - 3) });
    expect(err(`${fits}x`).limit).toBe(MAX_SOURCE_BYTES);
    // "é" is 2 bytes: 3 + 2 × 51,199 = 102,401 bytes in 51,202 characters.
    expect(err(`a: ${"é".repeat(51_199)}`).limit).toBe(MAX_SOURCE_BYTES);
    expect(ok(`a: ${"é".repeat(51_198)}`).value).toBeTruthy();
    // An emoji (surrogate pair) is 4 bytes.
    expect(err(`a: ${"😀".repeat(25_600)}`).limit).toBe(MAX_SOURCE_BYTES);
  });

  it.each([
    ["!!js/function", "a: !!js/function 'function () { return 1 }'"],
    ["!!js/undefined", "a: !!js/undefined ''"],
    ["!custom scalar", "a: !custom x"],
    ["!custom map", "a: !custom {x: 1}"],
    ["!!binary", "a: !!binary aGVsbG8="],
    ["!!set", "a: !!set {x}"],
    ["!!omap", "a: !!omap [x: 1]"],
    ["!!timestamp", "a: !!timestamp 2001-12-14"],
    ["!!seq on a map", "a: !!seq {x: 1}"],
    ["!!int on text", "a: !!int abc"],
    ["verbatim tag", "a: !<tag:example.com:x> 1"],
    ["%TAG directive", "%TAG ! tag:yaml.org,2002:\n---\na: !binary aGk="],
    ["%YAML 1.1 directive", "%YAML 1.1\n---\na: 1"],
  ])("rejects tags and directives: %s", (_name, text) => {
    const error = err(text);
    expect(error.line).toBeGreaterThan(0);
    expect(error.column).toBeGreaterThan(0);
  });

  it("rejects __proto__ keys in YAML and JSON and never pollutes Object.prototype", () => {
    expect(err("title: x\n__proto__: {polluted: yes}\n")).toEqual({
      path: "__proto__",
      message: 'The key "__proto__" is not allowed.',
      line: 2,
      column: 1,
    });
    expect(err("scenes:\n  - id: a\n    __proto__:\n      polluted: yes\n")).toMatchObject({ path: "scenes[0].__proto__", line: 3, column: 5 });
    expect(err('a: {"__proto__": 1}')).toMatchObject({ path: "a.__proto__" });
    expect(err('{"title": "x", "__proto__": {"polluted": true}}', "json")).toMatchObject({ path: "__proto__", line: 1, column: 16 });
    expect(err('{"a": [{"__proto__": {"polluted": true}}]}', "json")).toMatchObject({ path: "a[0].__proto__" });
    expect(err("constructor:\n  prototype:\n    polluted: yes\n")).toMatchObject({ path: "constructor.prototype" });
    expect(err('{"constructor": {"prototype": {"polluted": true}}}', "json")).toMatchObject({ path: "constructor.prototype" });
    // `constructor` alone, or `prototype` elsewhere, are ordinary keys.
    expect(ok("constructor: 1\nprototype: 2\n").value).toStrictEqual({ constructor: 1, prototype: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it.each([
    ["flow YAML", (d: number) => `a: ${"[".repeat(d)}${"]".repeat(d)}`, "yaml"],
    ["top-level flow YAML", (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`, "yaml"],
    ["block YAML", (d: number) => `a:\n  ${"- ".repeat(d)}x`, "yaml"],
    ["flow mappings YAML", (d: number) => `a: ${"{a: ".repeat(d)}1${"}".repeat(d)}`, "yaml"],
    ["JSON", (d: number) => `{"a": ${"[".repeat(d)}${"]".repeat(d)}}`, "json"],
    ["unbalanced JSON", (d: number) => `{"a": ${"[".repeat(d)}`, "json"],
  ] as const)("rejects a 10,000-deep nesting bomb without overflowing the stack: %s", (_name, make, format) => {
    const result = parseStoryboardSource(make(10_000), format);
    expect(result.ok).toBe(false);
    expect((result as Extract<ParseResult, { ok: false }>).error.message).toMatch(/nested too deeply|end of input/);
  });

  it("allows 32 levels of nesting, not 33", () => {
    const yaml = (d: number) => `a: ${"[".repeat(d - 1)}${"]".repeat(d - 1)}`; // the top-level mapping is level 1
    const json = (d: number) => `{"a": ${"[".repeat(d - 1)}${"]".repeat(d - 1)}}`;
    expect(parseStoryboardSource(yaml(32), "yaml").ok).toBe(true);
    expect(parseStoryboardSource(json(32), "json").ok).toBe(true);
    expect(err(yaml(33))).toMatchObject({ message: expect.stringMatching(/nested too deeply/), limit: 32, line: 1 });
    expect(err(json(33), "json")).toMatchObject({ message: expect.stringMatching(/nested too deeply/), limit: 32, line: 1, column: 38 });
    // Aliases cannot be used to nest deeper either.
    const deep = `x: &x ${"[".repeat(20)}${"]".repeat(20)}\ny: ${"[".repeat(20)}*x${"]".repeat(20)}`;
    expect(err(deep)).toMatchObject({ message: expect.stringMatching(/nested too deeply/), limit: 32 });
    const maps = (d: number) => `${"{a: ".repeat(d)}1${"}".repeat(d)}`;
    expect(parseStoryboardSource(`x: &x ${maps(15)}\ny: ${maps(15).replace("1", "*x")}`, "yaml").ok).toBe(true); // 1 + 15 + 15 levels
    expect(err(`x: &x ${maps(16)}\ny: ${maps(16).replace("1", "*x")}`)).toMatchObject({ path: `y${".a".repeat(31)}`, limit: 32 });
    // `[a: 1]` is a list holding a one-pair mapping: 1 + 29 + 1 + 1 levels.
    expect(parseStoryboardSource(`x: ${"[".repeat(29)}[a: 1]${"]".repeat(29)}`, "yaml").ok).toBe(true);
    expect(err(`x: ${"[".repeat(30)}[a: 1]${"]".repeat(30)}`)).toMatchObject({ path: `x${"[0]".repeat(31)}`, limit: 32 });
  });

  it("rejects duplicate keys", () => {
    expect(err("title: a\nscenes: []\ntitle: b\n")).toEqual({ path: "title", message: 'Duplicate key "title".', line: 3, column: 1 });
    expect(err("a: {x: 1, x: 2}")).toMatchObject({ path: "a.x", line: 1, column: 11 });
    expect(err("1: a\n'1': b\n")).toMatchObject({ path: '["1"]', line: 2 });
    // JSON.parse would silently keep the last one.
    expect(err('{"title": "a",\n "title": "b"}', "json")).toEqual({ path: "title", message: 'Duplicate key "title".', line: 2, column: 2 });
    expect(err('{"a": [1, {"x": 1, "\\u0078": 2}]}', "json")).toMatchObject({ path: "a[1].x", line: 1, column: 20 });
    expect(ok('{"a": {"x": 1}, "b": {"x": 1}}', "json").value).toStrictEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it("rejects a stream of several documents", () => {
    expect(err("title: a\n---\ntitle: b\n")).toMatchObject({ path: "(document)", message: expect.stringMatching(/single YAML document/), line: 2, column: 1 });
    expect(err("---\na: 1\n...\n---\nb: 2\n").line).toBe(4);
  });

  it("requires a mapping at the top level", () => {
    for (const text of ["- a\n- b\n", "hello", "42", "", "# just a comment\n", "null", "*a"]) {
      expect(err(text).message).toMatch(/must be a mapping\/object|alias/);
    }
    for (const text of ["[1, 2]", '"hello"', "42", "null", "true"]) {
      expect(err(text, "json")).toMatchObject({ path: "(document)", message: expect.stringMatching(/must be a mapping\/object/), line: 1, column: 1 });
    }
  });

  it("rejects non-finite numbers and non-string keys", () => {
    expect(err("a: .inf")).toMatchObject({ path: "a", message: expect.stringMatching(/finite/) });
    expect(err("a: [-.Inf]")).toMatchObject({ path: "a[0]" });
    expect(err("a: .NaN")).toMatchObject({ path: "a" });
    expect(err("? [a, b]\n: 1\n").line).toBe(1);
    expect(err("{a: 1}: 2").line).toBe(1);
  });

  it("answers 100 KB of errors with one error (the composer stops at the first one)", () => {
    const fill = (unit: string, prefix = "a:\n") => prefix + unit.repeat(Math.floor((MAX_SOURCE_BYTES - prefix.length - 2) / unit.length));
    for (const text of [fill("\t- x\n"), fill(",", "a: ["), fill("x\n", "a: |\n"), fill("& ,", "a: ["), fill("]", "")]) {
      const result = parseStoryboardSource(text, "yaml");
      expect(result.ok).toBe(false);
    }
  });

  it("never throws, even for a value that is not a string", () => {
    expect(parseStoryboardSource(undefined as unknown as string, "yaml").ok).toBe(false);
    expect(parseStoryboardSource(42 as unknown as string, "json").ok).toBe(false);
  });
});

describe("detectFormat", () => {
  it("guesses JSON from a leading { or [, else YAML", () => {
    expect(detectFormat('{"a": 1}')).toBe("json");
    expect(detectFormat("  \n\t[1]")).toBe("json");
    expect(detectFormat("\uFEFF{}")).toBe("json");
    expect(detectFormat("a: 1")).toBe("yaml");
    expect(detectFormat("# {comment}\na: 1")).toBe("yaml");
    expect(detectFormat("")).toBe("yaml");
  });
});

describe("parseStoryboardSource: properties", () => {
  function checkResult(text: string, format: "yaml" | "json") {
    let result: ParseResult;
    try {
      result = parseStoryboardSource(text, format);
    } catch (e) {
      throw new Error(`threw for ${JSON.stringify(text)}: ${String(e)}`);
    }
    if (result.ok) {
      const { value, locate } = result.source;
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("value is not a mapping");
      if (Object.hasOwn(value, "__proto__")) throw new Error("__proto__ key");
      for (const path of [[], ["scenes", 0, "duration"], [Object.keys(value)[0] ?? "x", 1, "x"]]) {
        const pos = locate(path);
        if (pos !== undefined && !(pos.line >= 1 && pos.column >= 1)) throw new Error(`bad position ${JSON.stringify(pos)}`);
      }
    } else {
      const { error } = result;
      if (typeof error.path !== "string" || typeof error.message !== "string" || error.message === "") throw new Error("bad issue");
      for (const n of [error.line, error.column]) if (n !== undefined && !(Number.isInteger(n) && n >= 1)) throw new Error(`bad position ${n}`);
    }
    return result;
  }

  const yamlish = fc
    .array(
      fc.constantFrom(
        "- ", ": ", "? ", "[", "]", "{", "}", ",", "\n", "  ", "\t", "#", "&a ", "*a", "&b ", "*b", "!!str ", "!x ", "!!js/function ",
        "|", ">", "'", '"', "\\", "---\n", "...\n", "%YAML 1.2\n", "__proto__", "a", "1", ".inf", "~", "<<", "\uFEFF", "é", "😀",
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(""));

  const cases: Array<[string, fc.Arbitrary<string>, "yaml" | "json"]> = [
    ["strings as YAML", fc.string({ maxLength: 200 }), "yaml"],
    ["full-unicode strings as JSON", fc.string({ unit: "binary", maxLength: 200 }), "json"],
    ["JSON documents as JSON", fc.json(), "json"],
    ["JSON values as YAML", fc.jsonValue().map((v) => toYaml(v)), "yaml"],
    ["YAML-like token soup", yamlish, "yaml"],
  ];

  it.each(cases)("never throws and answers with a value or one located issue: %s (2,000 runs)", (_name, arbitrary, format) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        checkResult(text, format);
        checkResult(text, format === "yaml" ? "json" : "yaml");
      }),
      { numRuns: 2000 },
    );
  });

  it("parses a JSON object and its YAML serialisation to the same value", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (object) => {
        const fromJson = checkResult(JSON.stringify(object), "json");
        const fromYaml = checkResult(toYaml(object), "yaml");
        expect(fromYaml.ok).toBe(fromJson.ok);
        if (fromJson.ok && fromYaml.ok) {
          // JSON.stringify: -0 and 0 are the same number in JSON.
          expect(JSON.stringify(fromYaml.source.value)).toBe(JSON.stringify(fromJson.source.value));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
