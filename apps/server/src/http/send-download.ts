import type { Response } from 'express';
import type { Download } from '../domain/upload-service.js';

/** Resolves when the response can take more bytes, false when the client went away first. */
function writable(res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * Sends a download a block at a time, waiting for the socket to drain before the next one:
 * memory holds about one block whatever the size of the file. A failure after the headers
 * went out can no longer be an error response: the connection is cut, so the client sees a
 * short body rather than a complete-looking wrong one.
 */
export async function sendDownload(res: Response, download: Download): Promise<void> {
  res.status(download.status);
  for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
  try {
    for await (const chunk of download.chunks()) {
      if (res.destroyed) return;
      if (!res.write(chunk) && !(await writable(res))) return;
    }
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  res.end();
}
