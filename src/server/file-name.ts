/**
 * Upload names as plain names. A browser sends a file name, not a path, but a hand-made request may send
 * `../../etc/passwd`, a Windows path, NUL bytes (PostgreSQL refuses them in text: a 500) or CR/LF. We keep
 * the last path segment without control characters, so the stored name is safe to show and to download.
 */
export function plainFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const plain = last.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return [...(plain === "" || plain === "." || plain === ".." ? "document" : plain)].slice(-255).join("");
}
