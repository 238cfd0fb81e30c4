/**
 * A stored document can fetch nothing: whatever it links to (images, scripts, styles, fonts,
 * frames, prefetches, a meta refresh), the print neither waits for it nor makes a request.
 * The server here accepts connections and never answers, so a request that got out would hang.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isExecutable, resolveExecutablePath } from './chromium';
import { createPdfRenderer, INSTALL_HINT, type PdfRenderer } from './index';
import { readPdf } from './testing/poppler';

describe('a document that links to the outside world', () => {
  let server: Server;
  let connections = 0;
  let requests = 0;
  let renderer: PdfRenderer;

  beforeAll(async () => {
    const path = resolveExecutablePath();
    if (!(await isExecutable(path))) throw new Error(`This spec prints with a real Chromium and there is none at ${path}: ${INSTALL_HINT}`);
    server = createServer(() => {
      requests++; // and never answer
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    renderer = createPdfRenderer({ renderTimeoutMs: 20_000 });
    await renderer.warmUp();
  });

  afterAll(async () => {
    await renderer?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  function hostile(): string {
    const { port } = server.address() as AddressInfo;
    const ip = `http://127.0.0.1:${port}`;
    const name = `http://localhost:${port}`;
    return `<!DOCTYPE html><html><head><meta charset="utf-8">
      <meta http-equiv="refresh" content="0;url=${ip}/refresh">
      <link rel="preconnect" href="${name}"><link rel="dns-prefetch" href="${name}"><link rel="prefetch" href="${ip}/prefetch">
      <link rel="stylesheet" href="${ip}/style.css">
      <style>@import url("${name}/import.css"); @font-face { font-family: Far; src: url("${ip}/font.woff2"); }
        body { background: url("${ip}/bg.png"); }</style>
      <script src="${ip}/script.js"></script><script>fetch("${ip}/fetch"); new WebSocket("ws://127.0.0.1:${port}/ws");</script>
    </head><body><h1>Plean an teaghlaigh</h1><img src="${ip}/photo.png"><img src="${name}/logo.png">
      <iframe src="${ip}/frame"></iframe><object data="${ip}/object"></object><video src="${ip}/video.mp4"></video>
      <p style="font-family: Far">Fáilte</p></body></html>`;
  }

  it('prints at once, with its own text, and nothing reaches the server', async () => {
    const started = Date.now();
    const pdf = await readPdf(await renderer.render({ html: hostile(), caseReference: 'MTH-2026-0042' }));
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything late would have arrived

    expect(Date.now() - started).toBeLessThan(5000);
    expect(pdf.pages[0]).toContain('Plean an teaghlaigh');
    expect(pdf.pages[0]).toContain('Fáilte');
    expect({ connections, requests }).toEqual({ connections: 0, requests: 0 });
  });
});
