import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Request, Response } from 'restify';
import { projectPath } from '../../domain/paths';

const gzipAsync = promisify(gzip);

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  gzipped?: Promise<Buffer>;
}

const FONT_FILES = {
  '@fontsource/open-sans': [
    'open-sans-latin-400-normal.woff2',
    'open-sans-latin-400-italic.woff2',
    'open-sans-latin-600-normal.woff2',
    'open-sans-latin-700-normal.woff2',
  ],
  '@fontsource/roboto': ['roboto-latin-500-normal.woff2', 'roboto-latin-700-normal.woff2'],
};

/** Where an installed package lives, found the way Node finds it (works whether or not it is hoisted). */
function packageDir(name: string, entry = `${name}/package.json`): string {
  return dirname(require.resolve(entry));
}

/**
 * The files the pages load, from an explicit list (no folder is exposed): our CSS and script from
 * web/public, Web Chat's bundle from node_modules (no CDN), and the Open Sans and Roboto fonts from
 * @fontsource. Read once at start; URLs carry a content hash, so browsers may cache them for good.
 */
export class StaticAssets {
  private readonly assets = new Map<string, Asset>();

  constructor() {
    this.add('site.css', projectPath('web', 'public', 'site.css'), 'text/css; charset=utf-8');
    this.add('chat.js', projectPath('web', 'public', 'chat.js'), 'text/javascript; charset=utf-8');
    this.add('webchat.js', join(packageDir('botframework-webchat', 'botframework-webchat'), '..', 'dist', 'webchat.js'), 'text/javascript; charset=utf-8');
    for (const [pkg, files] of Object.entries(FONT_FILES)) {
      for (const file of files) this.add(`fonts/${file}`, join(packageDir(pkg), 'files', file), 'font/woff2');
    }
  }

  /** The URL of an asset, with its content hash as a cache key. */
  url(name: string): string {
    const asset = this.assets.get(name);
    if (!asset) throw new Error(`unknown asset ${name}`);
    return `/assets/${name}?v=${asset.etag.slice(1, 13)}`;
  }

  /** Serves /assets/<name>; 404 for anything not on the list. */
  async serve(name: string, req: Request, res: Response): Promise<boolean> {
    const asset = this.assets.get(name);
    if (!asset) return false;
    const headers: Record<string, string> = {
      'Content-Type': asset.type,
      ETag: asset.etag,
      'Cache-Control': req.query?.v ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const compressible = !asset.type.startsWith('font/');
    if (compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      asset.gzipped ??= gzipAsync(asset.body, { level: 9 });
      const body = await asset.gzipped;
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
      res.end(body);
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(asset.body.length) });
    res.end(asset.body);
    return true;
  }

  private add(name: string, path: string, type: string): void {
    const body = readFileSync(path);
    this.assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
}
