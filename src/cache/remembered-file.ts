// The last copy of a file read from GitHub with its ETag (the signatories list), kept beside the
// cache so that the next run can ask GitHub whether it changed. Disposable like the cache: a
// missing or damaged copy costs one full read.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';

const Remembered = z.object({ source: z.string(), etag: z.string(), text: z.string() });
export type Remembered = z.infer<typeof Remembered>;

export class RememberedFile {
  private readonly file: TextFile;

  constructor(readonly path: string) {
    this.file = new TextFile(path);
  }

  /** The copy of `source`, or null (none yet, another source, unreadable). */
  async load(source: string): Promise<Remembered | null> {
    try {
      const parsed = Remembered.safeParse(JSON.parse((await this.file.read()) ?? 'null'));
      return parsed.success && parsed.data.source === source ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Written atomically (a temporary file renamed); a failure only costs a full read next time. */
  async save(copy: Remembered): Promise<boolean> {
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await this.file.write(JSON.stringify(copy));
      return true;
    } catch {
      return false;
    }
  }
}
