"use client";

import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { api, errorMessage, type Page } from "@/components/api-client";
import { MusicIcon, UploadIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { formatBytes } from "./status";

const TYPES = ["image/jpeg", "image/png", "image/webp", "audio/mpeg", "audio/wav", "audio/ogg"];
const MAX_BYTES = 50 * 1024 * 1024;

interface Asset {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  status: "pending" | "ready" | "failed";
}

interface Upload {
  asset: Asset;
  upload_url: string;
  upload_headers: Record<string, string>;
}

/** PUT with upload progress (fetch has none). */
function putFile(url: string, headers: Record<string, string>, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`Storage answered ${xhr.status}.`)));
    xhr.onerror = () => reject(new Error("The upload failed: check your connection and try again."));
    xhr.send(file);
  });
}

/**
 * "Your files": upload reference images and sounds (POST /v1/assets/upload-url → PUT straight to
 * storage → confirm) and copy their ids into the storyboard (`reference_images`, `asset_id`).
 */
export function FilesCard({ owner }: { owner: string }) {
  const [assets, setAssets] = useState<Asset[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  // Bumped to reload the list (after an upload).
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<Asset>>(`/v1/assets?status=ready&owner=${encodeURIComponent(owner)}&limit=50`, { signal: ctrl.signal })
      .then((page) => {
        setAssets(page.data);
        setLoadError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(errorMessage(err));
      });
    return () => ctrl.abort();
  }, [owner, version]);

  async function upload(file: File) {
    setUploadError(null);
    if (!TYPES.includes(file.type)) return setUploadError(`“${file.name}” isn't a supported file: use JPEG, PNG or WebP images, or MP3, WAV or Ogg sounds.`);
    if (file.size > MAX_BYTES) return setUploadError(`“${file.name}” is ${formatBytes(file.size)}; files are limited to 50 MB.`);
    setProgress({ name: file.name, fraction: 0 });
    try {
      const up = await api<Upload>("/v1/assets/upload-url", { method: "POST", body: { filename: file.name, content_type: file.type, size_bytes: file.size, owner } });
      await putFile(up.upload_url, up.upload_headers, file, (fraction) => setProgress({ name: file.name, fraction }));
      await api<Asset>(`/v1/assets/${up.asset.id}/confirm`, { method: "POST" });
      setVersion((v) => v + 1);
    } catch (err) {
      setUploadError(`“${file.name}”: ${errorMessage(err)}`);
    } finally {
      setProgress(null);
    }
  }

  function onChosen(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (file) void upload(file);
  }

  return (
    <Card data-testid="files">
      <CardHeader
        title="Your files"
        description="Reference images and sounds; put their id in the storyboard."
        icon={<MusicIcon size={16} />}
        action={
          <>
            <input ref={fileRef} type="file" accept={TYPES.join(",")} onChange={onChosen} className="sr-only" tabIndex={-1} aria-hidden="true" data-testid="asset-file" />
            <Button type="button" variant="secondary" size="sm" onClick={() => fileRef.current?.click()} loading={progress !== null} disabled={progress !== null}>
              <UploadIcon size={15} /> Upload
            </Button>
          </>
        }
      />
      <CardContent className="space-y-3 text-sm">
        {progress ? (
          <div aria-live="polite">
            <p className="truncate text-zinc-600">Uploading {progress.name}… {Math.round(progress.fraction * 100)} %</p>
            <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-100">
              <div className="h-full bg-brand-500 transition-[width]" style={{ width: `${Math.round(progress.fraction * 100)}%` }} />
            </div>
          </div>
        ) : null}
        {uploadError ? <Alert tone="error">{uploadError}</Alert> : null}
        {loadError ? <Alert tone="error">{`Couldn't load your files: ${loadError}`}</Alert> : null}
        {assets && assets.length === 0 && !progress ? (
          <p className="text-zinc-500">No files yet. Upload a picture of a character to keep it consistent across scenes, or your own music.</p>
        ) : null}
        {assets && assets.length > 0 ? (
          <ul className="divide-y divide-zinc-100" aria-label="Your files">
            {assets.map((a) => (
              <li key={a.id} className="flex items-center gap-3 py-2" data-testid="asset-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-zinc-800" title={a.filename}>
                    {a.filename}
                  </p>
                  <p className="text-xs text-zinc-500">
                    {a.content_type.startsWith("image/") ? "Image" : "Sound"} · {formatBytes(a.size_bytes)} · <span className="font-mono">{a.id.slice(0, 8)}…</span>
                  </p>
                </div>
                <CopyButton value={a.id} label="Copy id" />
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}
