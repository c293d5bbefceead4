import type { z } from 'zod';

/**
 * A modal's private_metadata, read back: ours when we opened the modal, but it comes back from Slack with
 * the submission, so it is checked like any payload. Null when it is missing, not JSON or not `schema`.
 */
export function readMetadata<S extends z.ZodType>(schema: S, raw: string | undefined): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
