// lib.mjs — shared machinery for the browser tests (node:test + playwright-core).
//
// useSuite() registers before/after hooks that start ONE openbav server for the
// whole file (temp directory, fresh demo database, free loopback port) and ONE
// headless Chromium.  Helpers open pages on a desktop or phone viewport, sign
// in through the form, collect console messages and page errors (CSP
// violations show up there), check horizontal scrolling and take screenshots.
//
// The server binary is build/test/openbav (ASan/UBSan build, made by
// `make test`) when it exists, else build/openbav; OPENBAV_BIN overrides.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = join(ROOT, 'build/test/screenshots');
export const PASSWORD = 'openbav-demo';

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true,
	userAgent:
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
};
export const VIEWPORTS = { desktop: DESKTOP, phone: PHONE };

const LAUNCH = {
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	headless: true,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
};

/** The running suite: { base, bin, dir, browser, server }. Filled by useSuite(). */
export const suite = {};

function serverBinary() {
	if (process.env.OPENBAV_BIN) return resolve(process.env.OPENBAV_BIN);
	const asan = join(ROOT, 'build/test/openbav');
	if (existsSync(asan)) return asan;
	const rel = join(ROOT, 'build/openbav');
	if (existsSync(rel)) return rel;
	throw new Error('no server binary: run `make build/openbav` (or `make test`) first');
}

function freePort() {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.once('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => ok(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(base, proc, logFile) {
	const deadline = Date.now() + 20000;
	while (Date.now() < deadline) {
		if (proc.exitCode !== null || proc.signalCode !== null)
			throw new Error(`server exited early (${proc.exitCode ?? proc.signalCode}):\n${tail(logFile)}`);
		try {
			const res = await fetch(`${base}/healthz`);
			if (res.status === 200) return;
		} catch {
			/* not listening yet */
		}
		await sleep(100);
	}
	throw new Error(`server did not become healthy in 20 s:\n${tail(logFile)}`);
}

export function tail(file, lines = 40) {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

let dbSeq = 0;

/** A new empty database: SQLite in dir, or — with OPENBAV_TEST_DB=postgresql://…
 * (tests/pg/run.sh) — a fresh database on that server, made with psql through
 * the URL's database (the throwaway cluster takes it away). */
function freshDb(dir) {
	const base = process.env.OPENBAV_TEST_DB || '';
	if (!/^postgres(ql)?:\/\//.test(base)) return `sqlite:${join(dir, 't.db')}`;
	const name = `openbav_e_${process.pid}_${dbSeq++}`;
	const env = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' };
	for (const sql of [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`])
		execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', base, '-c', sql], { env, stdio: 'ignore' });
	const m = base.match(/^([a-z]+:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/);
	return `${m[1]}/${name}${m[3] || ''}`;
}

/**
 * Starts the server; returns { base, bin, proc, dir, db, log }.  With opts.db
 * (and opts.dir) it serves that existing database instead of a fresh demo
 * one, so several servers can share one database; opts.args are extra serve
 * options.
 */
export async function startServer(opts = {}) {
	const bin = serverBinary();
	const dir = opts.dir || mkdtempSync(join(tmpdir(), 'openbav-e2e-'));
	const db = opts.db || freshDb(dir);
	const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', UBSAN_OPTIONS: 'print_stacktrace=1' };
	delete env.OPENBAV_DB;
	if (!opts.db) execFileSync(bin, ['demo', '--db', db], { env, stdio: ['ignore', 'ignore', 'pipe'] });
	const port = await freePort();
	const log = join(dir, `server-${port}.log`);
	const fd = openSync(log, 'a');
	const args = ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--show-demo-logins', ...(opts.args || [])];
	const proc = spawn(bin, args, { env, stdio: ['ignore', fd, fd] });
	const base = `http://127.0.0.1:${port}`;
	await waitHealthy(base, proc, log);
	return { base, bin, proc, dir, db, port, log };
}

export { freePort, sleep };

/** SIGTERM, wait up to 10 s, then SIGKILL.  Returns { code, signal }. */
export async function stopServer(server) {
	const { proc } = server;
	if (proc.exitCode !== null || proc.signalCode !== null)
		return { code: proc.exitCode, signal: proc.signalCode };
	const exited = new Promise((ok) => proc.once('exit', (code, signal) => ok({ code, signal })));
	proc.kill('SIGTERM');
	const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
	const r = await exited;
	clearTimeout(timer);
	return r;
}

/** Registers the suite's before/after hooks: one server, one browser. */
export function useSuite() {
	before(async () => {
		mkdirSync(SHOTS, { recursive: true });
		suite.server = await startServer();
		suite.base = suite.server.base;
		suite.bin = suite.server.bin;
		suite.browser = await chromium.launch(LAUNCH);
	});
	after(async () => {
		if (suite.browser) await suite.browser.close().catch(() => {});
		if (suite.server) {
			await stopServer(suite.server);
			if (!process.env.KEEP_TMP) rmSync(suite.server.dir, { recursive: true, force: true });
		}
	});
}

/**
 * A fresh browser context (own cookies) and page on the given viewport.
 * Returns { ctx, page, messages, errors, close }: messages are all console
 * messages ({type, text, url}), errors the uncaught page errors.
 */
export async function openPage(viewport = 'desktop', extra = {}) {
	const opts = typeof viewport === 'string' ? VIEWPORTS[viewport] : viewport;
	const ctx = await suite.browser.newContext({ ...opts, baseURL: suite.base, locale: 'de-DE', ...extra });
	ctx.setDefaultTimeout(10000);
	const page = await ctx.newPage();
	const messages = [];
	const errors = [];
	page.on('console', (m) => messages.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? '' }));
	page.on('pageerror', (e) => errors.push(String(e?.stack || e)));
	return { ctx, page, messages, errors, close: () => ctx.close() };
}

/** Console messages that report a Content Security Policy violation. */
export function cspViolations(messages) {
	return messages.filter((m) => /Content Security Policy|Refused to/i.test(m.text));
}

/**
 * Asserts: no CSP violation, no uncaught JS error, no console error at all
 * (a failed resource load, a failed htmx request …).  Browser-internal
 * favicon misses are not the page's fault and are ignored.
 */
export function assertCleanConsole(p, what = 'page') {
	assert.deepEqual(cspViolations(p.messages), [], `${what}: CSP violations`);
	assert.deepEqual(p.errors, [], `${what}: JavaScript errors`);
	const errs = p.messages.filter((m) => m.type === 'error' && !/\/favicon\.ico$/.test(m.url));
	assert.deepEqual(errs, [], `${what}: console errors`);
}

/** Fills in the sign-in form at /login and submits it with the button. */
export async function login(page, email, password = PASSWORD) {
	await page.goto('/login');
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(password);
	await page.getByRole('button', { name: /^(Anmelden|Sign in)$/ }).click();
	try {
		await page.waitForURL((u) => u.pathname !== '/login');
	} catch {
		const alert = await page.locator('[role=alert]').allInnerTexts();
		throw new Error(`sign-in as ${email} stayed on ${page.url()} ${JSON.stringify(alert)}`);
	}
	await page.waitForLoadState('load');
}

/** Like login(), but for a sign-in that must fail: waits for the next page load. */
export async function loginExpectingFailure(page, email, password) {
	await page.goto('/login');
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(password);
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
		page.getByRole('button', { name: /^(Anmelden|Sign in)$/ }).click(),
	]);
	await page.waitForLoadState('load');
	return resp;
}

export function pathOf(page) {
	const u = new URL(page.url());
	return u.pathname;
}

/** Asserts that the document does not scroll sideways. */
export async function assertNoHorizontalScroll(page, what = 'page') {
	const m = await page.evaluate(() => ({
		scrollWidth: document.scrollingElement.scrollWidth,
		innerWidth: window.innerWidth,
	}));
	assert.ok(
		m.scrollWidth <= m.innerWidth + 1,
		`${what}: horizontal scroll on the phone (scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth})`,
	);
}

/** Full-page screenshot into build/test/screenshots/NAME.png (for people, not asserted). */
export async function screenshot(page, name) {
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Visible text of the <main> element, whitespace collapsed. */
export async function mainText(page) {
	return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}
