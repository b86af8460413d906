// What every end-to-end test needs: the real backend (`$BOLETOS_BIN serve`, or any other
// `boletos` command) on a fresh data dir, and Debian's Chromium driven by playwright-core,
// with the page's errors collected.
//
// Not a test file: `node --test e2e/` only runs names such as *.test.mjs, and this one is
// imported by them.
//
// BOLETOS_BIN is required; CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to
// build/out/e2e/ (OUT_DIR).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BOLETOS_BIN = process.env.BOLETOS_BIN;
export const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build/out/e2e');
/** The app URL `boletos serve` prints once it listens. */
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/;

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STARTUP_TIMEOUT_MS = 30_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const MISSING_BIN =
  'BOLETOS_BIN is not set: point it at the built backend, e.g. ' +
  'BOLETOS_BIN=/work/main/build/bin/boletos npm run e2e (build it with `make build`).';

/** Fails, saying how to run the suite, when BOLETOS_BIN is not set. */
export function requireBackendBin() {
  assert.ok(BOLETOS_BIN, MISSING_BIN);
}

/** A fresh temporary directory whose name starts with `prefix`; remove it with removeDir. */
export function makeTempDir(prefix) {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir) {
  // The backend may still be writing its last state file as it exits: retry a busy folder.
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

// ---------------------------------------------------------------------------------------------
// The app: backend and browser together

/**
 * @typedef {Browsing & { url: string, origin: string }} App the browser on a running
 *   `boletos serve`: `url` opens the app (it carries the session token), `origin` is its origin;
 *   close() closes the browser, stops the server and removes the data dir it made
 */

/**
 * `boletos serve` and the browser to test it with (see openBrowser for `timeout` and
 * `rejectedCalls`). The server keeps its data in `dataDir` or, without one, in a fresh temporary
 * directory whose name starts with `tempPrefix`. See startServe for `keyringHome`. Also creates
 * OUT_DIR for the screenshots.
 *
 * @param {{ dataDir?: string, tempPrefix?: string, keyringHome?: string, timeout?: number,
 *   rejectedCalls?: RegExp }} options
 * @returns {Promise<App>}
 */
export async function openApp({ dataDir, tempPrefix = 'boletos-e2e-', keyringHome, timeout, rejectedCalls }) {
  requireBackendBin();
  const tempDir = dataDir === undefined ? await makeTempDir(tempPrefix) : '';
  /** @type {Serving | undefined} */
  let server;
  try {
    await mkdir(OUT_DIR, { recursive: true });
    server = await startServe(dataDir ?? tempDir, { keyringHome });
    const browsing = await openBrowser({ timeout, rejectedCalls });
    const running = server;
    return {
      ...browsing,
      url: running.url,
      origin: new URL(running.url).origin,
      async close() {
        await browsing.close();
        await running.stop();
        await removeDir(tempDir);
      },
    };
  } catch (err) {
    await server?.stop();
    await removeDir(tempDir);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

/**
 * @typedef {object} Started
 * @property {import('node:child_process').ChildProcess} child
 * @property {string} stdout what the process printed up to the line the caller waited for
 * @property {string[]} stderr everything it prints on stderr, as it comes
 * @property {() => Promise<void>} stop SIGTERM (to its process group when detached), then SIGKILL after 5 s
 */

/** @typedef {Started & { url: string }} Serving a running `boletos serve` and its app URL */

/**
 * Runs `$BOLETOS_BIN ...args` and waits until its stdout matches `pattern`; `what` names it in
 * errors. With `detached`, it gets a process group of its own and stop() ends the whole group.
 * `wrap` turns the command into another one that runs it (see startServe). When the output
 * does not come, the process is stopped and the error carries its stdout and stderr.
 *
 * @param {string} what
 * @param {string[]} args
 * @param {RegExp} pattern
 * @param {{ detached?: boolean, env?: NodeJS.ProcessEnv,
 *   wrap?: (command: string, args: string[]) => [string, string[]] }} [options]
 * @returns {Promise<Started>}
 */
export async function startBoletos(what, args, pattern, { detached = false, env, wrap } = {}) {
  requireBackendBin();
  const [command, argv] = wrap ? wrap(BOLETOS_BIN, args) : [BOLETOS_BIN, args];
  const child = spawn(command, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(detached ? { detached: true } : {}),
    ...(env ? { env } : {}),
  });
  const stderr = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const stop = () => stopProcess(child, detached);
  try {
    const stdout = await waitForStdout(child, stderr, pattern, what);
    return { child, stdout, stderr, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * `boletos serve` on `dataDir`, on a free port of 127.0.0.1; `url` is the app URL it printed.
 *
 * With `keyringHome`, the server runs in a process group of its own and, when
 * dbus-run-session and gnome-keyring-daemon exist, inside a private session bus whose keyring
 * lives under `keyringHome` and is unlocked with a throw-away password: stopping it ends the
 * bus and the keyring too, and the user's keyring is never touched.
 *
 * @param {string} dataDir
 * @param {{ keyringHome?: string }} [options]
 * @returns {Promise<Serving>}
 */
async function startServe(dataDir, { keyringHome } = {}) {
  const args = ['serve', '--addr', '127.0.0.1:0', '--data-dir', dataDir];
  /** @type {Parameters<typeof startBoletos>[3]} */
  let options = {};
  if (keyringHome !== undefined) {
    options = { detached: true };
    if (hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon')) {
      const script =
        'printf %s boletos-e2e | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null && exec "$@"';
      options = {
        detached: true,
        env: { ...process.env, XDG_DATA_HOME: keyringHome },
        wrap: (command, argv) => ['dbus-run-session', ['--', 'sh', '-c', script, 'sh', command, ...argv]],
      };
    }
  }
  const server = await startBoletos('backend', args, URL_PATTERN, options);
  return { ...server, url: URL_PATTERN.exec(server.stdout)[0] };
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Reads a child's stdout until `pattern` matches; fails with its stdout and stderr otherwise. */
function waitForStdout(child, stderr, pattern, what) {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const fail = (why) => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${why}\n--- ${what} stdout ---\n${stdout}\n--- ${what} stderr ---\n${stderr.join('')}`));
    };
    const timer = setTimeout(
      () => fail(`no output matching ${pattern} on stdout within ${STARTUP_TIMEOUT_MS / 1000} s`),
      STARTUP_TIMEOUT_MS,
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (pattern.test(stdout)) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    child.on('error', (err) => fail(`could not start ${BOLETOS_BIN}: ${err.message}`));
    child.on('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

/** SIGTERM (to the whole group when it was started detached), then SIGKILL after 5 s. */
async function stopProcess(child, group) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      if (group) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  // A wrapper (dbus-run-session) may exit before the backend it runs has finished writing its
  // files: wait until nothing of the group is left.
  for (let i = 0; group && i < 50 && groupAlive(child.pid); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  clearTimeout(timer);
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Browser

/**
 * @typedef {object} Browsing
 * @property {import('playwright-core').Browser} browser
 * @property {import('playwright-core').Page} page
 * @property {() => string[]} takeProblems the page errors and console errors since the last call
 * @property {(action: () => Promise<void>) => Promise<void>} expectRejectedCall runs `action`,
 *   during which a refused call to a backend URL matching `rejectedCalls` is not a problem
 * @property {() => Promise<void>} close
 */

/**
 * Debian's Chromium, headless, with one pt-BR page of 1280×900 whose actions wait up to
 * `timeout` ms. JS errors and console errors of the page are collected as problems. A refused
 * backend call makes Chromium log "Failed to load resource … 4xx": when it goes to a URL
 * matching `rejectedCalls`, that is expected inside expectRejectedCall() only.
 *
 * @param {{ timeout?: number, rejectedCalls?: RegExp }} [options]
 * @returns {Promise<Browsing>}
 */
async function openBrowser({ timeout = 15_000, rejectedCalls } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const close = () => browser.close().catch(() => {});
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);

    const problems = [];
    let rejectedCallsAllowed = false;
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location().url;
      const rejected =
        rejectedCalls !== undefined &&
        /^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) &&
        rejectedCalls.test(where);
      if (rejected && rejectedCallsAllowed) return;
      problems.push(`console error: ${msg.text()} (${where})`);
    });

    return {
      browser,
      page,
      takeProblems: () => problems.splice(0, problems.length),
      async expectRejectedCall(action) {
        rejectedCallsAllowed = true;
        try {
          await action();
        } finally {
          rejectedCallsAllowed = false;
        }
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Clicks the navbar entry `label` and waits for the page of that title. */
export async function openNav(page, label) {
  const nav = page.getByRole('navigation', { name: 'Navegação principal' });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}
