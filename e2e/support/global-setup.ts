import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { e2eWebDir, startE2eServer } from '../../src/server/testing/e2e-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * One server for all journeys: a fresh in-memory database with reference and demo data,
 * serving the built web app on a random port. E2E_BASE_URL=http://… runs the journeys
 * against a server that is already running instead (it must hold the demo data).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external);
    return async () => {};
  }
  const index = path.join(e2eWebDir(), 'index.html');
  if (!fs.existsSync(index)) throw new Error(`${index} is missing: run \`npx vite build\` first`);
  const server = await startE2eServer();
  project.provide('baseUrl', server.url);
  return () => server.close();
}
