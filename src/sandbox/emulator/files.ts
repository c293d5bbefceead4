/**
 * Slack's file upload flow, emulated: `files.getUploadURLExternal` hands out a one-time upload URL and a
 * file id; the bytes are POSTed to that URL; `files.completeUploadExternal` finishes the upload (and shares
 * it when given a channel). Image blocks may then show the file through `slack_file: { id }` — only a
 * completed image the bot uploaded; any other reference is `invalid_blocks`, as Slack answers it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Args, Body } from './api.js';

export interface EmuFile {
  id: string;
  filename: string;
  /** The length announced in files.getUploadURLExternal. */
  length: number;
  altText: string | null;
  title: string | null;
  bytes: Buffer | null;
  completed: boolean;
  /** Channels it was shared to on completion. */
  channels: string[];
}

const fail = (error: string, messages?: string[]): Body =>
  messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isImage = (f: EmuFile) => f.bytes?.subarray(0, 8).equals(PNG) === true;

export class EmulatedFiles {
  private readonly files = new Map<string, EmuFile>();
  private next = 1;

  constructor(
    private readonly baseUrl: () => string,
    /** A channel id (or name) the bot can post to; null when unknown or not visible. */
    private readonly channelOf: (ref: string) => string | null,
  ) {}

  /** Every file asked for, in order (tests and the sandbox page). */
  list(): EmuFile[] {
    return [...this.files.values()];
  }

  get(id: string): EmuFile | undefined {
    return this.files.get(id);
  }

  /** The Web API methods of the flow; undefined for any other method. */
  handle(method: string, args: Args): Body | undefined {
    if (method === 'files.getUploadURLExternal') return this.getUploadUrl(args);
    if (method === 'files.completeUploadExternal') return this.complete(args);
    return undefined;
  }

  private getUploadUrl(args: Args): Body {
    const filename = typeof args.filename === 'string' ? args.filename : '';
    const length = Number(args.length);
    if (!filename) return fail('invalid_arguments', ['[ERROR] missing required field: filename']);
    if (!Number.isInteger(length) || length < 1) {
      return fail('invalid_arguments', ['[ERROR] length must be a positive integer']);
    }
    const altText = typeof args.alt_text === 'string' ? args.alt_text : null;
    if (altText !== null && altText.length > 1000)
      return fail('invalid_arguments', ['[ERROR] alt_text too long']);
    const id = `F${String(this.next++).padStart(9, '0')}`;
    this.files.set(id, {
      id,
      filename,
      length,
      altText,
      title: null,
      bytes: null,
      completed: false,
      channels: [],
    });
    return { ok: true, upload_url: `${this.baseUrl()}/_upload/${id}`, file_id: id };
  }

  private complete(args: Args): Body {
    const list = args.files;
    if (!Array.isArray(list) || list.length === 0) {
      return fail('invalid_arguments', ['[ERROR] files must be a non-empty array of {id, title}']);
    }
    let channel: string | null = null;
    if (args.channel_id !== undefined && args.channel_id !== '') {
      channel = this.channelOf(String(args.channel_id));
      if (!channel) return fail('channel_not_found');
    }
    const found: EmuFile[] = [];
    for (const item of list) {
      const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      const file = typeof id === 'string' ? this.files.get(id) : undefined;
      // Never uploaded, or its bytes never arrived (or not as many as announced).
      if (!file || file.bytes === null || file.bytes.length !== file.length) return fail('file_not_found');
      found.push(file);
    }
    list.forEach((item, i) => {
      const file = found[i] as EmuFile;
      const title = (item as { title?: unknown }).title;
      file.title = typeof title === 'string' && title ? title : file.filename;
      file.completed = true;
      if (channel && !file.channels.includes(channel)) file.channels.push(channel);
    });
    return {
      ok: true,
      files: found.map((f) => ({
        id: f.id,
        name: f.filename,
        title: f.title,
        mimetype: isImage(f) ? 'image/png' : 'application/octet-stream',
        size: f.length,
        channels: f.channels,
      })),
    };
  }

  /** `POST /_upload/<id>`: the bytes of a file, once. Slack answers `OK - <bytes>`. */
  receive(req: IncomingMessage, res: ServerResponse, id: string): void {
    const file = this.files.get(id);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!file || file.bytes !== null) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      file.bytes = Buffer.concat(chunks);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.bytes.length}`);
    });
  }

  /** `GET /_files/<id>`: a completed file's bytes (the sandbox page shows images from here). */
  serve(res: ServerResponse, id: string): void {
    const file = this.files.get(id);
    if (!file?.completed || !file.bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': isImage(file) ? 'image/png' : 'application/octet-stream' });
    res.end(file.bytes);
  }

  /**
   * Problems with `slack_file` references in blocks (image blocks and image elements): each must name a
   * completed image by `id` (or its `url`). Slack answers such blocks with `invalid_blocks`.
   */
  checkBlocks(blocks: unknown): string[] {
    const problems: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        for (const [i, n] of node.entries()) visit(n, `${path}/${i}`);
        return;
      }
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'image' && o.slack_file !== undefined) {
        const ref = o.slack_file as { id?: unknown; url?: unknown } | null;
        const id = typeof ref?.id === 'string' ? ref.id : undefined;
        const url = typeof ref?.url === 'string' ? ref.url : undefined;
        const file =
          (id && this.files.get(id)) ||
          (url ? this.list().find((f) => url === `${this.baseUrl()}/_files/${f.id}`) : undefined);
        if (!id && !url)
          problems.push(`slack_file must have an id or a url [json-pointer:${path}/slack_file]`);
        else if (!file?.completed) problems.push(`invalid slack file [json-pointer:${path}/slack_file]`);
        else if (!isImage(file))
          problems.push(`slack file is not an image [json-pointer:${path}/slack_file]`);
      }
      for (const [k, v] of Object.entries(o)) if (typeof v === 'object') visit(v, `${path}/${k}`);
    };
    visit(blocks, '');
    return problems.map((p) => `[ERROR] ${p}`);
  }
}
