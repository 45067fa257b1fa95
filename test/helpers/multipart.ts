import { randomBytes } from 'node:crypto';

/**
 * A multipart/form-data body built by hand (no form-data dependency): one file part, as a browser
 * sends an `<input type="file">`. Returns what `app.inject` needs.
 */
export function multipartFile(
  content: Buffer | Uint8Array,
  opts: { field?: string; filename?: string; contentType?: string } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----polaris${randomBytes(12).toString('hex')}`;
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${opts.filename ?? 'membres.csv'}"\r\n` +
    `Content-Type: ${opts.contentType ?? 'text/csv'}\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head, 'utf8'),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
