import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import type { AppDeps } from '../../server/deps.js';

/** The real app (createApp) on a free local port, and GET requests to it. */
export class TestServer {
  base = '';
  private server: Server | undefined;

  async start(deps: AppDeps): Promise<void> {
    this.server = createApp(deps).listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }

  /** A GET with query parameters; `body` is the parsed JSON when the response is JSON. */
  readonly get = async (path: string, params: Record<string, string | number | boolean> = {}) => {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const res = await fetch(`${this.base}${path}${qs ? `?${qs}` : ''}`);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, text, body: type.includes('json') ? (JSON.parse(text) as any) : undefined };
  };
}
