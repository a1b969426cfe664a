"use client";

import { useState } from "react";
import { errorMessage } from "@/components/api-client";

/**
 * One API action at a time with its error: `run(key, request)` marks `key` busy, clears the last
 * error, and resolves to the request's value, or `undefined` after showing why it failed.
 */
export function useAction<K extends string = string>() {
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run<T>(key: K, request: () => Promise<T>): Promise<{ value: T } | undefined> {
    setBusy(key);
    setError(null);
    try {
      return { value: await request() };
    } catch (err) {
      setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(null);
    }
  }
  return { busy, error, setError, run };
}
