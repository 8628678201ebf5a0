import {
  checkedSha256,
  originalExtension,
  OriginalAltered,
  sha256Of,
  type OriginalFile,
  type OriginalsStore,
  type StoredOriginal,
} from './originals-store';

/** Originals in memory, beside the memory event store (both gone when the process ends). */
export class MemoryOriginalsStore implements OriginalsStore {
  private readonly files = new Map<string, { extension: string; bytes: Uint8Array }>();

  async put(bytes: Uint8Array, fileName?: string): Promise<StoredOriginal & { stored: boolean }> {
    const sha256 = sha256Of(bytes);
    const existing = this.files.get(sha256);
    if (existing) return { sha256, extension: existing.extension, size: bytes.byteLength, stored: false };
    const extension = originalExtension(fileName);
    // A copy: the caller's buffer may be reused.
    this.files.set(sha256, { extension, bytes: new Uint8Array(bytes) });
    return { sha256, extension, size: bytes.byteLength, stored: true };
  }

  async get(sha256: string): Promise<OriginalFile | null> {
    const file = this.files.get(checkedSha256(sha256));
    if (!file) return null;
    const actual = sha256Of(file.bytes);
    if (actual !== sha256) throw new OriginalAltered(sha256, actual);
    return { sha256, extension: file.extension, size: file.bytes.byteLength, bytes: new Uint8Array(file.bytes) };
  }

  async has(sha256: string): Promise<boolean> {
    return this.files.has(checkedSha256(sha256));
  }
}
