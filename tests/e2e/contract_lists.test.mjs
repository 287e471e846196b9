// contract_lists.test.mjs — the employer's lists of all insurance contracts and
// all commitments in the browser: HR opens them from the start page, types in
// the search and picks filters, and the rows narrow in place (htmx, no page
// load, the address bar keeps search and filters); without JavaScript the same
// form is a plain GET; a row leads to the employee record; on a phone the page
// does not scroll sideways.  Also the employee list's status filter.
// Run: node --test tests/e2e/contract_lists.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	assertCleanConsole,
	assertNoHorizontalScroll,
	login,
	mainText,
	openPage,
	pathOf,
	screenshot,
	useSuite,
} from './lib.mjs';

useSuite();

const MUSTER_CONTRACTS = 23; // app/demo.c: every second person of Muster GmbH

/** Waits for the htmx request of a list (HX-Request) and returns the response. */
function fragment(page, path) {
	return page.waitForResponse(
		(r) => new URL(r.url()).pathname === path && r.request().headers()['hx-request'] === 'true',
	);
}

async function rowCountBelow(page, n) {
	await page.waitForFunction((m) => document.querySelectorAll('#contract-rows tbody tr').length < m, n);
}

describe('contract lists (HR)', () => {
	test('insurance contracts: open from the start page, search and filter live', async () => {
		const p = await openPage('desktop');
		try {
			await login(p.page, 'hr@muster.test');
			assert.equal(pathOf(p.page), '/employer/1');
			await Promise.all([
				p.page.waitForURL((u) => u.pathname === '/employer/1/insurance-contracts'),
				p.page.getByRole('link', { name: 'Alle Versicherungsverträge' }).click(),
			]);
			assert.equal((await p.page.locator('main h1').innerText()).trim(), 'Alle Versicherungsverträge');
			const rows = p.page.locator('#contract-rows tbody tr');
			assert.equal(await rows.count(), MUSTER_CONTRACTS);
			assert.match(await p.page.locator('#contract-rows .count').innerText(), new RegExp(`Treffer: ${MUSTER_CONTRACTS}\\b`));

			await p.page.evaluate(() => {
				window.__noReload = true;
			});
			let loads = 0;
			p.page.on('load', () => loads++);

			// Typing the policy number narrows the rows in place.
			let resp = fragment(p.page, '/employer/1/insurance-contracts');
			await p.page.locator('#q').pressSequentially('ALV-100037', { delay: 20 });
			assert.equal((await resp).status(), 200);
			await rowCountBelow(p.page, MUSTER_CONTRACTS);
			await p.page.waitForFunction(() => document.querySelectorAll('#contract-rows tbody tr').length === 1);
			assert.match(await rows.first().innerText(), /ALV-100037/);
			assert.match(await rows.first().innerText(), /Berger, Anna/);
			assert.match(p.page.url(), /\/employer\/1\/insurance-contracts\?q=ALV-100037/);
			assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'q', 'the field keeps the focus');
			// The export links carry the search.
			assert.match(
				await p.page.locator('#contract-rows a', { hasText: 'CSV' }).getAttribute('href'),
				/insurance-contracts\.csv\?q=ALV-100037$/,
			);

			// A filter on top: the request carries the search and the filter (one value each).
			resp = fragment(p.page, '/employer/1/insurance-contracts');
			await p.page.locator('#f-status').selectOption('terminated');
			const r2 = await resp;
			assert.equal(r2.status(), 200);
			const sent = new URL(r2.url()).searchParams;
			assert.equal(sent.get('q'), 'ALV-100037');
			assert.equal(sent.get('status'), 'terminated');
			assert.equal(sent.getAll('q').length, 1);
			await p.page.waitForFunction(() => document.querySelectorAll('#contract-rows tbody tr').length === 0);
			assert.match(await mainText(p.page), /Keine Einträge passen zu Suche und Filter\./);

			// Back to "all": the row returns.
			resp = fragment(p.page, '/employer/1/insurance-contracts');
			await p.page.locator('#f-status').selectOption('');
			await resp;
			await p.page.waitForFunction(() => document.querySelectorAll('#contract-rows tbody tr').length === 1);

			// Clearing the search and picking a vehicle no contract has.
			resp = fragment(p.page, '/employer/1/insurance-contracts');
			await p.page.locator('#q').fill('');
			await resp;
			await p.page.waitForFunction(
				(n) => document.querySelectorAll('#contract-rows tbody tr').length === n,
				MUSTER_CONTRACTS,
			);
			resp = fragment(p.page, '/employer/1/insurance-contracts');
			await p.page.locator('#f-vehicle').selectOption('PF');
			await resp;
			await p.page.waitForFunction(() => document.querySelectorAll('#contract-rows tbody tr').length === 0);
			assert.match(p.page.url(), /vehicle=PF/);

			assert.equal(await p.page.evaluate(() => window.__noReload), true, 'no full navigation');
			assert.equal(loads, 0, 'no page load');
			assertCleanConsole(p, 'insurance contracts live search');
		} finally {
			await p.close();
		}
	});

	test('commitments: filter, search, and a row leads to the employee record', async () => {
		const p = await openPage('desktop');
		try {
			await login(p.page, 'hr@muster.test');
			await Promise.all([
				p.page.waitForURL((u) => u.pathname === '/employer/1/commitments'),
				p.page.getByRole('link', { name: 'Alle Zusagen' }).click(),
			]);
			const rows = p.page.locator('#contract-rows tbody tr');
			assert.equal(await rows.count(), MUSTER_CONTRACTS);
			// every row shows the vesting date of the law engine
			for (const cell of await rows.locator('td:nth-child(8)').allInnerTexts())
				assert.match(cell.trim(), /^\d\d\.\d\d\.\d{4}/);

			let resp = fragment(p.page, '/employer/1/commitments');
			await p.page.locator('#f-financing').selectOption('employer');
			await resp;
			await p.page.waitForFunction(() => document.querySelectorAll('#contract-rows tbody tr').length === 0);
			resp = fragment(p.page, '/employer/1/commitments');
			await p.page.locator('#f-financing').selectOption('employee');
			await resp;
			await p.page.waitForFunction(
				(n) => document.querySelectorAll('#contract-rows tbody tr').length === n,
				MUSTER_CONTRACTS,
			);
			resp = fragment(p.page, '/employer/1/commitments');
			await p.page.locator('#q').pressSequentially('M00001', { delay: 20 });
			await resp;
			await p.page.waitForFunction(() => document.querySelectorAll('#contract-rows tbody tr').length === 1);
			assert.match(p.page.url(), /q=M00001/);
			assert.match(p.page.url(), /financing=employee/);

			await Promise.all([
				p.page.waitForURL((u) => u.pathname === '/employer/1/employees/1' && u.hash === '#contracts-title'),
				rows.first().getByRole('link', { name: 'Berger, Anna' }).click(),
			]);
			assert.match(await mainText(p.page), /Zusagen und Verträge/);
			assertCleanConsole(p, 'commitments list');
		} finally {
			await p.close();
		}
	});

	test('without JavaScript the search and the filters are a plain GET form', async () => {
		const p = await openPage('desktop', { javaScriptEnabled: false });
		try {
			await login(p.page, 'hr@muster.test');
			await p.page.goto('/employer/1/insurance-contracts');
			const rows = p.page.locator('#contract-rows tbody tr');
			assert.equal(await rows.count(), MUSTER_CONTRACTS);
			await p.page.locator('#q').fill('berger');
			await p.page.locator('#f-status').selectOption('active');
			await Promise.all([
				p.page.waitForURL((u) => u.pathname === '/employer/1/insurance-contracts' && u.search.includes('q=berger')),
				p.page.locator('#q').press('Enter'),
			]);
			assert.match(p.page.url(), /status=active/);
			assert.equal(await rows.count(), 1);
			assert.match(await rows.first().innerText(), /Berger, Anna/);
			assert.equal(await p.page.locator('#f-status').inputValue(), 'active', 'the form keeps the filter');
		} finally {
			await p.close();
		}
	});

	for (const path of ['/employer/1/insurance-contracts', '/employer/1/commitments']) {
		test(`phone: ${path} does not scroll sideways, the table scrolls in its box`, async () => {
			const p = await openPage('phone');
			try {
				await login(p.page, 'hr@muster.test');
				await p.page.goto(path);
				assert.equal(await p.page.locator('#contract-rows tbody tr').count(), MUSTER_CONTRACTS);
				await assertNoHorizontalScroll(p.page, path);
				const box = p.page.locator('#contract-rows .overflow-auto');
				const m = await box.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
				assert.ok(m.sw > m.cw, `the table is wider than the phone and scrolls in its box (${m.sw} > ${m.cw})`);
				// the filters stack: each select fits the screen
				for (const w of await p.page.locator('.filter-grid select').evaluateAll((els) =>
					els.map((e) => e.getBoundingClientRect().right),
				))
					assert.ok(w <= 390 + 1, `a select ends at ${w}px`);
				await screenshot(p.page, `contract-list-phone${path.replace(/\//g, '-')}`);
				assertCleanConsole(p, `${path} on a phone`);
			} finally {
				await p.close();
			}
		});
	}
});

describe('employee list status filter (HR)', () => {
	test('all / active / left as links; the search keeps the status', async () => {
		const p = await openPage('desktop');
		try {
			await login(p.page, 'hr@muster.test');
			const rows = p.page.locator('#employee-rows tbody tr');
			assert.equal(await rows.count(), 44);
			const filter = p.page.getByRole('navigation', { name: 'Status', exact: true });
			assert.equal(await filter.locator('[aria-current]').innerText(), 'Alle');
			await Promise.all([
				p.page.waitForURL(/\/employer\/1\?status=left$/),
				filter.getByRole('link', { name: 'Ausgeschieden' }).click(),
			]);
			assert.equal(await rows.count(), 0); // nobody has left in the demo
			assert.match(await mainText(p.page), /Keine Beschäftigten mit diesem Status\./);
			await Promise.all([
				p.page.waitForURL(/\/employer\/1\?status=active$/),
				p.page.getByRole('navigation', { name: 'Status', exact: true }).getByRole('link', { name: 'Aktiv' }).click(),
			]);
			assert.equal(await rows.count(), 44);
			// live search with the status kept
			const resp = fragment(p.page, '/employer/1');
			await p.page.locator('#q').pressSequentially('Berger', { delay: 20 });
			const r = await resp;
			assert.equal(new URL(r.url()).searchParams.get('status'), 'active');
			await p.page.waitForFunction(() => document.querySelectorAll('#employee-rows tbody tr').length < 44);
			assert.match(p.page.url(), /\/employer\/1\?q=Berger&status=active$/);
			assert.match(
				await p.page.locator('#employee-rows a', { hasText: 'CSV' }).getAttribute('href'),
				/employees\.csv\?q=Berger&status=active$/,
			);
			// the status links inside the swapped rows keep the search
			assert.equal(
				await p.page.getByRole('navigation', { name: 'Status', exact: true }).getByRole('link', { name: 'Ausgeschieden' }).getAttribute('href'),
				'/employer/1?q=Berger&status=left',
			);
			assertCleanConsole(p, 'employee status filter');
		} finally {
			await p.close();
		}
	});
});
