import { z } from 'zod';
import type { HandOverMetadata } from '../views/hand-over-modal.js';
import { readMetadata } from './metadata.js';

const metadataSchema = z.object({
  initiativeId: z.number().int().positive(),
  channelId: z.string().nullable(),
});

/** The Hand over modal's private_metadata, or null. */
export function parseHandOverMetadata(raw: string | undefined): HandOverMetadata | null {
  return readMetadata(metadataSchema, raw);
}
