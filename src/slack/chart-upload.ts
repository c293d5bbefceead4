/**
 * Slack's current upload flow for a chart: `files.getUploadURLExternal` (a one-time URL and the file's
 * id), the bytes POSTed to that URL, then `files.completeUploadExternal`. Shared with no channel: the
 * posts show it through `slack_file` image blocks, which only need the bot to have access to the file.
 */
import type { WebClient } from '@slack/web-api';
import type { UploadPng } from '../app/metric-checks/charts.js';

export function slackPngUploader(client: WebClient, fetchImpl: typeof fetch = fetch): UploadPng {
  return async (png, file) => {
    const slot = await client.files.getUploadURLExternal({
      filename: file.name,
      length: png.length,
      alt_text: file.altText.slice(0, 1000),
    });
    if (!slot.upload_url || !slot.file_id) throw new Error('files.getUploadURLExternal: no upload_url');
    const res = await fetchImpl(slot.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`upload of ${file.name}: HTTP ${res.status}`);
    await client.files.completeUploadExternal({
      files: [{ id: slot.file_id, title: file.title.slice(0, 250) }],
    });
    return slot.file_id;
  };
}
