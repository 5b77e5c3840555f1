// Finds the system Chromium for the browser tests. Playwright cannot download browsers here, and
// its own headless shell has no WebGPU, so we always launch the system binary.
import { existsSync } from 'node:fs';

/** Path of Chromium: $CHROME_PATH, else /usr/bin/chromium. Throws with install instructions when missing. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium was not found at ${path}. The browser tests need a real Chromium with WebGPU.\n`
      + 'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n'
      + 'or point CHROME_PATH at a Chromium/Chrome binary (version 113 or newer).',
    );
  }
  return path;
}

/** Flags: software WebGPU without a GPU, and no background network traffic. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
];
