/**
 * One way to call the API: JSON in and out, the session cookie sent by the browser, the CSRF token on
 * every state-changing request, and errors turned into ApiError with the server's bilingual message.
 */
import type { Page } from "./types";

let csrfToken = "";
export function setCsrf(token: string): void {
  csrfToken = token;
}
export function csrf(): string {
  return csrfToken;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** "中文 / English" as the server sends it. */
    readonly serverMessage: string,
    readonly details: unknown,
  ) {
    super(serverMessage);
  }
  /** The message in one language: the server joins both with " / ". */
  text(lang: "zh" | "en"): string {
    const [zh, en] = this.serverMessage.split(" / ");
    return (lang === "en" ? en : zh) ?? this.serverMessage;
  }
}

let onUnauthenticated: () => void = () => undefined;
export function whenSignedOut(f: () => void): void {
  onUnauthenticated = f;
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const isForm = body instanceof FormData;
  const res = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: {
      ...(method === "GET" ? {} : { "x-csrf-token": csrfToken }),
      ...(body === undefined || isForm ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: isForm ? body : JSON.stringify(body) }),
  });
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string; details: unknown } } | null)?.error;
    if (res.status === 401 && !url.endsWith("/login")) onUnauthenticated();
    throw new ApiError(res.status, e?.code ?? "HTTP", e?.message ?? `HTTP ${res.status}`, e?.details ?? null);
  }
  return data as T;
}

/** Every page of a list (the API caps a page at 200 rows). */
export async function all<T>(url: string): Promise<T[]> {
  const out: T[] = [];
  const sep = url.includes("?") ? "&" : "?";
  for (let page = 1; ; page++) {
    const p = await api<Page<T>>("GET", `${url}${sep}page=${page}&pageSize=200`);
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}

/** Upload with progress (fetch has no upload progress): XMLHttpRequest with the CSRF header. */
export function upload<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        const e = (data as { error?: { code: string; message: string; details: unknown } } | null)?.error;
        reject(
          new ApiError(xhr.status, e?.code ?? "HTTP", e?.message ?? `HTTP ${xhr.status}`, e?.details ?? null),
        );
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", "网络错误 / Network error", null));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}
