#!/usr/bin/env python3
"""Download the model files listed in models.json into ComfyUI and check them (size and sha256).

Runs at image build time (infra/runpod/Dockerfile) and works the same on a RunPod network volume:

    python3 fetch_models.py --manifest models.json --comfyui /comfyui
    python3 fetch_models.py --manifest models.json --comfyui /runpod-volume   # network volume layout

A file already present with the right size and digest is kept. A size or digest mismatch fails the
build. An entry whose sha256 is null fails too, unless ALLOW_UNPINNED_MODELS=1: then the digest is
computed and printed so that it can be pinned in models.json. HF_TOKEN (optional) is sent to
huggingface.co as a bearer token. Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

CHUNK = 8 * 1024 * 1024


def log(msg: str) -> None:
    print(f"[fetch_models] {msg}", flush=True)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def download(url: str, dest: Path, expected_size: int | None) -> None:
    part = dest.with_name(dest.name + ".part")
    headers = {"User-Agent": "framecast-runpod-build/1"}
    token = os.environ.get("HF_TOKEN")
    if token and "huggingface.co" in url:
        headers["Authorization"] = f"Bearer {token}"
    for attempt in range(1, 6):
        have = part.stat().st_size if part.exists() else 0
        req = urllib.request.Request(url, headers={**headers, **({"Range": f"bytes={have}-"} if have else {})})
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                if have and res.status != 206:
                    have = 0  # the server ignored the range: start over
                mode = "ab" if have else "wb"
                done, last = have, time.monotonic()
                with part.open(mode) as out:
                    while chunk := res.read(CHUNK):
                        out.write(chunk)
                        done += len(chunk)
                        if time.monotonic() - last > 30:
                            total = f"/{expected_size}" if expected_size else ""
                            log(f"  {dest.name}: {done}{total} bytes")
                            last = time.monotonic()
            part.replace(dest)
            return
        except OSError as err:  # URLError and connection resets are OSErrors
            log(f"  {dest.name}: attempt {attempt} failed: {err}")
            time.sleep(min(60, 5 * attempt))
    raise SystemExit(f"download failed after 5 attempts: {url}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--comfyui", required=True, help="ComfyUI root (or a network volume root)")
    args = ap.parse_args()
    manifest = json.loads(Path(args.manifest).read_text())
    allow_unpinned = os.environ.get("ALLOW_UNPINNED_MODELS") == "1"
    problems: list[str] = []
    for m in manifest["models"]:
        dest = Path(args.comfyui) / m["target_dir"] / m["file"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        size, digest = m.get("size"), m.get("sha256")
        if not digest and not allow_unpinned:
            problems.append(f"{m['file']}: no sha256 pinned in models.json (set ALLOW_UNPINNED_MODELS=1 once to compute it)")
            continue
        if dest.exists() and size and dest.stat().st_size == size and (not digest or sha256_of(dest) == digest):
            log(f"{m['file']}: present")
            continue
        log(f"{m['file']}: downloading from {m['source']}")
        download(m["source"], dest, size)
        actual_size = dest.stat().st_size
        if size and actual_size != size:
            problems.append(f"{m['file']}: {actual_size} bytes, manifest says {size}")
            dest.unlink()
            continue
        actual = sha256_of(dest)
        if digest and actual != digest:
            problems.append(f"{m['file']}: sha256 {actual}, manifest says {digest}")
            dest.unlink()
            continue
        log(f"{m['file']}: ok ({actual_size} bytes, sha256 {actual}){'' if digest else '  <- UNPINNED: put this digest in models.json'}")
    for p in problems:
        log(f"ERROR {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
