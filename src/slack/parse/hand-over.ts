import { z } from 'zod';
import type { HandOverMetadata } from '../views/hand-over-modal.js';

const metadataSchema = z.object({
  initiativeId: z.number().int().positive(),
  channelId: z.string().nullable(),
});

/** The Hand over modal's private_metadata (ours, but read back from Slack: checked), or null. */
export function parseHandOverMetadata(raw: string | undefined): HandOverMetadata | null {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
