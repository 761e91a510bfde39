import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { sessionFrom, createTestApp, type TestApp } from '../testing/test-app';

// A built web app as Vite and its precompress step leave it: a hashed asset with .br and .gz.
const ASSET = 'assets/index-Ab12Cd34.js';
const script = `console.log(${JSON.stringify('社工站'.repeat(2000))});\n`;
let dir: string;
let t: TestApp;
let app: FastifyInstance;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, ASSET), script);
  fs.writeFileSync(path.join(dir, `${ASSET}.br`), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dir, `${ASSET}.gz`), zlib.gzipSync(script));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><body><div id="root"></div><script src="/${ASSET}"></script></body></html>`);
  t = await createTestApp();
  app = await buildApp({ database: t.database, cipher: t.cipher, webDir: dir });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('compression and caching', () => {
  it('serves hashed assets precompressed and cached for a year, immutable', async () => {
    const br = await app.inject({ method: 'GET', url: `/${ASSET}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 5);

    const gz = await app.inject({ method: 'GET', url: `/${ASSET}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ method: 'GET', url: `/${ASSET}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never caches index.html, at / or at a client-side route', async () => {
    for (const url of ['/', '/index.html', '/stations/123']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
    }
  });

  it('compresses API JSON above the threshold, not below it, and keeps xlsx downloads intact', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password: 'Sgz@demo2026' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const city = sessionFrom(app, cookie, login.json<{ csrfToken: string }>().csrfToken);
    const big = await city.request('GET', '/api/stations?pageSize=100', undefined, { 'accept-encoding': 'br, gzip' });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    const items = JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString()) as { items: unknown[] };
    expect(items.items.length).toBeGreaterThan(50);
    expect(big.headers['cache-control']).toBe('no-store');

    const gz = await city.request('GET', '/api/stations?pageSize=100', undefined, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(items);

    const small = await app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();

    // Already a zip: sent as it is, and still opens.
    const xlsx = await city.request('GET', '/api/stations/export', undefined, { 'accept-encoding': 'br, gzip' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
