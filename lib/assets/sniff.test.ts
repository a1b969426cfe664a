import { describe, expect, it } from "vitest";
import { safeFilename, sniffContentType } from "./sniff";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("sniffContentType: what the bytes are", () => {
  it.each([
    ["image/jpeg", bytes([0xff, 0xd8, 0xff, 0xe0])],
    ["image/png", bytes([0x89], "PNG\r\n\x1a\n")],
    ["image/webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ")],
    ["audio/wav", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt ")],
    ["audio/ogg", bytes("OggS", [0])],
    ["video/mp4", bytes([0, 0, 0, 0x20], "ftypisom")],
    ["audio/mpeg", bytes("ID3", [4, 0])],
    ["audio/mpeg", bytes([0xff, 0xfb, 0x90, 0x64])],
  ])("%s", (type, b) => expect(sniffContentType(b)).toBe(type));

  it("anything else is null (text, GIF, an MPEG layer II frame, nothing)", () => {
    expect(sniffContentType(bytes("hello"))).toBeNull();
    expect(sniffContentType(bytes("GIF89a"))).toBeNull();
    expect(sniffContentType(bytes([0xff, 0xfd]))).toBeNull();
    expect(sniffContentType(new Uint8Array())).toBeNull();
  });
});

describe("safeFilename", () => {
  it("keeps a readable, key-safe name: no path, no spaces or odd characters, lower case", () => {
    expect(safeFilename("../../Keeper Photo (1).PNG")).toBe("keeper-photo-1.png");
    expect(safeFilename("C:\\Users\\me\\voice take#2.wav")).toBe("voice-take-2.wav");
    expect(safeFilename("...")).toBe("file");
    expect(safeFilename("Ünïcödé.jpeg")).toBe("unicode.jpeg");
    expect(safeFilename(`${"a".repeat(300)}.png`)).toBe(`${"a".repeat(100)}.png`);
  });
});
