// portal.test.mjs — what a person does in the browser: sign in as every demo
// role on a desktop and a phone, search employees, switch the language, use
// the keyboard, sign out.  One server and one browser for the whole file
// (lib.mjs).  Run: node --test tests/e2e/
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	assertCleanConsole,
	assertNoHorizontalScroll,
	cspViolations,
	login,
	loginExpectingFailure,
	mainText,
	openPage,
	pathOf,
	screenshot,
	stopServer,
	suite,
	tail,
	useSuite,
} from './lib.mjs';

useSuite();

// Each demo role: where it lands and what real data it must see there (and
// what it must not see: the other tenant).
const ROLES = [
	{
		email: 'operator@openbav.test',
		name: 'operator',
		start: '/operator',
		h1: 'Arbeitgeber',
		see: ['Muster GmbH', 'Beispiel AG', 'Berlin', 'München'],
		check: async (page) => {
			// Each employer's row carries its headcount (Muster GmbH: 44 employees).
			const muster = page.locator('tbody tr', { hasText: 'Muster GmbH' });
			await assert.doesNotReject(muster.waitFor());
			const cells = (await muster.locator('td').allInnerTexts()).map((t) => t.trim());
			assert.equal(cells.at(-1), '44', `headcount of Muster GmbH, row: ${cells}`);
			const beispiel = page.locator('tbody tr', { hasText: 'Beispiel AG' });
			assert.match((await beispiel.locator('td').last().innerText()).trim(), /^\d+$/);
		},
	},
	{
		email: 'admin@muster.test',
		name: 'employer-admin-muster',
		start: '/employer/1',
		h1: 'Muster GmbH',
		see: ['Berger', 'M00001', 'Treffer: 44'],
		hide: ['Beispiel AG', 'Vogel'],
	},
	{
		email: 'hr@muster.test',
		name: 'hr-muster',
		start: '/employer/1',
		h1: 'Muster GmbH',
		see: ['Personalabteilung', 'Berger', 'M00001', 'Treffer: 44'],
		hide: ['Beispiel AG', 'Vogel'],
		check: async (page) => {
			assert.equal(await page.locator('#employee-rows tbody tr').count(), 44, 'one table row per employee');
			await assert.doesNotReject(page.locator('#q').waitFor({ state: 'visible' }));
		},
	},
	{
		email: 'anna.berger@muster.test',
		name: 'employee-anna',
		start: '/employee',
		h1: 'Meine Daten',
		see: ['Muster GmbH', 'Anna Berger', 'M00001', 'anna.berger@muster.test'],
		hide: ['Beispiel AG', 'Vogel'],
	},
	{
		email: 'admin@beispiel.test',
		name: 'employer-admin-beispiel',
		start: '/employer/2',
		h1: 'Beispiel AG',
		see: ['Vogel', 'B00001'],
		hide: ['Muster GmbH', 'Berger', 'M00001'],
	},
	{
		email: 'jan.vogel@beispiel.test',
		name: 'employee-jan',
		start: '/employee',
		h1: 'Meine Daten',
		see: ['Beispiel AG', 'Jan Vogel', 'B00001'],
		hide: ['Muster GmbH', 'Berger'],
	},
	{
		email: 'makler@vermittler.test',
		name: 'broker',
		start: '/broker',
		h1: 'Betreute Arbeitgeber',
		see: ['Muster GmbH', 'Berlin'],
		hide: ['Beispiel AG'],
	},
];

describe('start page of every demo role', () => {
	for (const role of ROLES) {
		for (const vp of ['desktop', 'phone']) {
			test(`${role.email} on ${vp}: lands on ${role.start} and sees its data`, async () => {
				const p = await openPage(vp);
				try {
					await login(p.page, role.email);
					assert.equal(pathOf(p.page), role.start);
					await assert.doesNotReject(p.page.locator('html[lang=de]').waitFor({ state: 'attached' }));
					assert.equal((await p.page.locator('main h1').innerText()).trim(), role.h1);
					const text = await mainText(p.page);
					for (const s of role.see) assert.ok(text.includes(s), `${role.start} shows "${s}"`);
					for (const s of role.hide ?? []) assert.ok(!text.includes(s), `${role.start} must not show "${s}"`);
					// The header names the signed-in user and offers sign-out.
					await assert.doesNotReject(p.page.locator('header .who strong').waitFor());
					await assert.doesNotReject(p.page.getByRole('button', { name: 'Abmelden' }).waitFor());
					if (role.check) await role.check(p.page);
					await screenshot(p.page, `${role.name}-${vp}`);
					if (vp === 'phone') await assertNoHorizontalScroll(p.page, role.start);
					assertCleanConsole(p, role.start);
				} finally {
					await p.close();
				}
			});
		}
	}

	for (const vp of ['desktop', 'phone']) {
		test(`login page on ${vp}`, async () => {
			const p = await openPage(vp);
			try {
				const resp = await p.page.goto('/login');
				assert.equal(resp.status(), 200);
				const csp = resp.headers()['content-security-policy'] ?? '';
				assert.match(csp, /script-src 'self'/, 'login page sends a CSP');
				assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
				assert.equal((await p.page.locator('main h1').innerText()).trim(), 'Anmelden');
				await assert.doesNotReject(p.page.locator('#email').waitFor({ state: 'visible' }));
				await assert.doesNotReject(p.page.locator('#password').waitFor({ state: 'visible' }));
				await screenshot(p.page, `login-${vp}`);
				if (vp === 'phone') await assertNoHorizontalScroll(p.page, '/login');
				assertCleanConsole(p, '/login');
			} finally {
				await p.close();
			}
		});
	}
});

describe('sign-in', () => {
	test('wrong password shows the error message and stays on /login', async () => {
		const p = await openPage('desktop');
		try {
			const resp = await loginExpectingFailure(p.page, 'hr@muster.test', 'not-the-password');
			assert.equal(resp.status(), 401);
			assert.equal(pathOf(p.page), '/login');
			const alert = p.page.getByRole('alert');
			await assert.doesNotReject(alert.waitFor({ state: 'visible' }));
			const msg = (await alert.innerText()).trim();
			assert.ok(msg.length > 10, `error message is a sentence, got "${msg}"`);
			// A catalogue key leaking through (e.g. "err.login") means the text is missing.
			assert.doesNotMatch(msg, /^[a-z_]+(\.[a-z0-9_]+)+$/, `error message is a text, not a catalogue key`);
			// The e-mail is kept, the password is not, fields are marked invalid.
			assert.equal(await p.page.locator('#email').inputValue(), 'hr@muster.test');
			assert.equal(await p.page.locator('#password').inputValue(), '');
			assert.equal(await p.page.locator('#email').getAttribute('aria-invalid'), 'true');
			// app.js moves the focus to the first invalid field.
			assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'email');
			// Still not signed in.
			await p.page.goto('/');
			assert.equal(pathOf(p.page), '/login');
			assert.deepEqual(cspViolations(p.messages), []);
			assert.deepEqual(p.errors, []);
		} finally {
			await p.close();
		}
	});
});

describe('employee search (HR)', () => {
	test('typing "Berger" updates the table live (htmx), without a page load', async () => {
		const p = await openPage('desktop');
		try {
			await login(p.page, 'hr@muster.test');
			assert.equal(pathOf(p.page), '/employer/1');
			const rows = p.page.locator('#employee-rows tbody tr');
			const before = await rows.count();
			assert.equal(before, 44);
			// A marker on window survives only if the page is not reloaded.
			await p.page.evaluate(() => {
				window.__noReload = true;
			});
			let loads = 0;
			p.page.on('load', () => loads++);
			const fragment = p.page.waitForResponse(
				(r) => new URL(r.url()).pathname === '/employer/1' && r.request().headers()['hx-request'] === 'true',
			);
			await p.page.locator('#q').pressSequentially('Berger', { delay: 30 });
			const resp = await fragment;
			assert.equal(resp.status(), 200);
			assert.match(new URL(resp.url()).search, /q=Berger/);
			await p.page.waitForFunction(
				(n) => document.querySelectorAll('#employee-rows tbody tr').length < n,
				before,
			);
			const after = await rows.count();
			assert.ok(after >= 1 && after < before, `fewer rows: ${after} of ${before}`);
			const names = await rows.locator('th').allInnerTexts();
			assert.ok(names.includes('Berger'), `rows show Berger: ${names}`);
			for (const row of await rows.allInnerTexts()) assert.match(row, /berger/i);
			assert.match(await p.page.locator('#employee-rows .count').innerText(), new RegExp(`Treffer: ${after}\\b`));
			assert.equal(await p.page.evaluate(() => window.__noReload), true, 'no full navigation');
			assert.equal(loads, 0, 'no page load');
			// hx-push-url: the address bar carries the search.
			assert.match(p.page.url(), /\/employer\/1\?q=Berger$/);
			// The field keeps focus and value while the rows are swapped.
			assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'q');
			assert.equal(await p.page.locator('#q').inputValue(), 'Berger');
			assertCleanConsole(p, 'live search');
		} finally {
			await p.close();
		}
	});

	test('the search is a plain GET form: /employer/1?q=berger and submitting without JavaScript', async () => {
		const p = await openPage('desktop', { javaScriptEnabled: false });
		try {
			await login(p.page, 'hr@muster.test');
			await p.page.goto('/employer/1?q=berger');
			const rows = p.page.locator('#employee-rows tbody tr');
			const n = await rows.count();
			assert.ok(n >= 1 && n < 44, `fewer rows: ${n}`);
			assert.ok((await rows.locator('th').allInnerTexts()).includes('Berger'));
			assert.equal(await p.page.locator('#q').inputValue(), 'berger');

			// Without JavaScript: type and press Enter → GET navigation.
			await p.page.goto('/employer/1');
			assert.equal(await rows.count(), 44);
			await p.page.locator('#q').fill('M00001');
			await Promise.all([p.page.waitForURL(/\/employer\/1\?q=M00001$/), p.page.locator('#q').press('Enter')]);
			assert.equal(await rows.count(), 1);
			assert.match(await rows.first().innerText(), /Berger/);

			// No match: a message instead of an empty table.
			await p.page.goto('/employer/1?q=zzzznobody');
			assert.equal(await rows.count(), 0);
			assert.match(await mainText(p.page), /Keine Beschäftigten passen zur Suche/);
		} finally {
			await p.close();
		}
	});
});

describe('language', () => {
	test('switching to English changes the texts and stays after navigation', async () => {
		const p = await openPage('desktop');
		try {
			await p.page.goto('/login');
			assert.equal((await p.page.locator('main h1').innerText()).trim(), 'Anmelden');
			await Promise.all([
				p.page.waitForURL((u) => u.pathname === '/login'),
				p.page.getByRole('link', { name: 'English' }).click(),
			]);
			await p.page.waitForLoadState('load');
			assert.equal((await p.page.locator('main h1').innerText()).trim(), 'Sign in');
			assert.equal(await p.page.locator('html').getAttribute('lang'), 'en');
			assert.equal((await p.page.locator('label[for=email]').innerText()).trim(), 'Email address');
			assert.equal((await p.page.locator('.skip-link').textContent()).trim(), 'Skip to content');

			// Sign in: the English choice survives the sign-in and every page.
			await login(p.page, 'hr@muster.test');
			assert.equal(pathOf(p.page), '/employer/1');
			assert.equal(await p.page.locator('html').getAttribute('lang'), 'en');
			let text = await mainText(p.page);
			assert.match(text, /Search employees/);
			assert.match(text, /Results: 44/);
			assert.doesNotMatch(text, /Beschäftigte suchen|Treffer/);
			await assert.doesNotReject(p.page.getByRole('button', { name: 'Sign out' }).waitFor());

			await p.page.goto('/employer/1?q=berger');
			text = await mainText(p.page);
			assert.match(text, /Results: 1/);
			assert.match(text, /Personnel number/);

			// And back to German.
			await p.page.getByRole('link', { name: 'Deutsch' }).click();
			await p.page.waitForURL(/\/employer\/1/);
			await p.page.waitForLoadState('load');
			assert.equal(await p.page.locator('html').getAttribute('lang'), 'de');
			assert.match(await mainText(p.page), /Beschäftigte suchen/);
			assertCleanConsole(p, 'language switch');
		} finally {
			await p.close();
		}
	});
});

describe('keyboard', () => {
	test('the skip link is the first focusable element and jumps to the content', async () => {
		const p = await openPage('desktop');
		try {
			await p.page.goto('/login');
			await p.page.keyboard.press('Tab');
			const first = await p.page.evaluate(() => ({
				cls: document.activeElement?.className,
				href: document.activeElement?.getAttribute('href'),
				text: document.activeElement?.textContent?.trim(),
			}));
			assert.deepEqual(first, { cls: 'skip-link', href: '#main', text: 'Zum Inhalt springen' });
			// A focused skip link is visible on screen.
			const box = await p.page.locator('.skip-link').boundingBox();
			assert.ok(box && box.width > 1 && box.height > 1 && box.y >= 0 && box.x >= 0, `skip link visible: ${JSON.stringify(box)}`);
			await p.page.keyboard.press('Enter');
			assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'main');

			// Same on a signed-in start page.
			await login(p.page, 'anna.berger@muster.test');
			await p.page.keyboard.press('Tab');
			assert.equal(await p.page.evaluate(() => document.activeElement?.className), 'skip-link');
		} finally {
			await p.close();
		}
	});

	test('the login form can be completed with Tab and Enter', async () => {
		const p = await openPage('desktop');
		try {
			await p.page.goto('/login');
			// Tab through the header until the e-mail field (skip link, brand, languages first).
			let id = '';
			for (let i = 0; i < 15 && id !== 'email'; i++) {
				await p.page.keyboard.press('Tab');
				id = await p.page.evaluate(() => document.activeElement?.id ?? '');
			}
			assert.equal(id, 'email', 'e-mail field reachable with Tab');
			await p.page.keyboard.type('anna.berger@muster.test');
			await p.page.keyboard.press('Tab');
			assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'password');
			await p.page.keyboard.type('openbav-demo');
			await Promise.all([p.page.waitForURL((u) => u.pathname === '/employee'), p.page.keyboard.press('Enter')]);
			assert.match(await mainText(p.page), /M00001/);
			assertCleanConsole(p, 'keyboard sign-in');
		} finally {
			await p.close();
		}
	});
});

describe('content security policy', () => {
	test('CSP is enforced and the detector sees violations (inline script refused)', async () => {
		const p = await openPage('desktop');
		try {
			await login(p.page, 'hr@muster.test');
			assert.deepEqual(cspViolations(p.messages), []);
			// An injected inline script must not run, and Chromium reports it.
			await p.page.evaluate(() => {
				const s = document.createElement('script');
				s.textContent = 'window.__inlineRan = true;';
				document.body.append(s);
			});
			await p.page.waitForTimeout(100);
			assert.equal(await p.page.evaluate(() => window.__inlineRan ?? false), false, 'inline script blocked');
			assert.ok(cspViolations(p.messages).length >= 1, 'the violation shows up on the console');
		} finally {
			await p.close();
		}
	});
});

describe('sign-out', () => {
	for (const role of [ROLES[0], ROLES[2], ROLES[3]]) {
		test(`${role.email}: sign-out returns to /login and the start page then needs a sign-in`, async () => {
			const p = await openPage('phone');
			try {
				await login(p.page, role.email);
				assert.equal(pathOf(p.page), role.start);
				await Promise.all([
					p.page.waitForURL((u) => u.pathname === '/login'),
					p.page.getByRole('button', { name: 'Abmelden' }).click(),
				]);
				await p.page.waitForLoadState('load');
				assert.equal((await p.page.locator('main h1').innerText()).trim(), 'Anmelden');
				assert.equal(await p.page.getByRole('button', { name: 'Abmelden' }).count(), 0, 'no sign-out button any more');
				const cookies = await p.ctx.cookies();
				assert.ok(!cookies.some((c) => c.name === 'obsid' && c.value), `session cookie gone: ${JSON.stringify(cookies.map((c) => c.name))}`);
				await p.page.goto(role.start);
				assert.equal(pathOf(p.page), '/login', `${role.start} after sign-out`);
				// Back button must not bring the data back from the cache either.
				assert.ok(!(await mainText(p.page)).includes('M00001'));
				assertCleanConsole(p, 'sign-out');
			} finally {
				await p.close();
			}
		});
	}
});

describe('server', () => {
	test('shuts down cleanly on SIGTERM, no sanitizer reports', async () => {
		const r = await stopServer(suite.server);
		const log = tail(suite.server.log, 200);
		assert.doesNotMatch(log, /AddressSanitizer|LeakSanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/, log);
		assert.deepEqual(r, { code: 0, signal: null }, `exit status; log:\n${tail(suite.server.log)}`);
	});
});
