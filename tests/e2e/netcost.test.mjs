// netcost.test.mjs — the net cost of a salary conversion in the browser: an
// employee opens Meine Daten, follows the link, finds the form filled in from
// her record and her contract, calculates and sees the comparison, the chart
// (inline SVG, role img) and the explanation of a line — on a desktop and on a
// 375 px phone without sideways scrolling; a wrong value is marked at its
// field; HR opens the page from an employee's record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	PHONE,
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

const VIEWPORTS = { desktop: 'desktop', phone: { ...PHONE, viewport: { width: 375, height: 812 } } };

async function calculate(page) {
	await Promise.all([
		page.waitForURL((u) => u.pathname.endsWith('/net-cost') && u.search.includes('conversion=')),
		page.locator('form.nc-form').getByRole('button', { name: /^(Berechnen|Calculate)$/ }).click(),
	]);
	await page.waitForLoadState('load');
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
	test(`an employee works out her net cost (${name})`, async () => {
		const p = await openPage(viewport);
		try {
			await login(p.page, 'anna.berger@muster.test');
			await p.page.goto('/employee');
			await p.page.getByRole('link', { name: 'Nettoaufwand einer Entgeltumwandlung berechnen' }).click();
			await p.page.waitForURL('**/employee/net-cost?employee=*');
			// the form comes filled in from the record and the running contract
			assert.match(await p.page.locator('#n-monthly_gross').inputValue(), /^\d+,\d\d$/);
			assert.equal(await p.page.locator('#n-tax_class').inputValue(), '2');
			assert.equal(await p.page.locator('#n-federal_state').inputValue(), 'BE');
			assert.equal(await p.page.locator('#n-health_insurance').inputValue(), 'statutory');
			assert.equal(await p.page.locator('#n-additional_rate').inputValue(), '2,90');
			assert.equal(await p.page.locator('#n-conversion').inputValue(), '79,00');
			// this year when the law tables hold it, else the nearest year they hold
			const years = await p.page.locator('#n-year option').evaluateAll((os) => os.map((o) => o.value));
			const now = String(new Date().getFullYear());
			const want = years.includes(now) ? now : now > years[years.length - 1] ? years[years.length - 1] : years[0];
			assert.equal(await p.page.locator('#n-year').inputValue(), want);
			assert.equal(await p.page.locator('#nc-result').count(), 0);
			if (name === 'phone') await assertNoHorizontalScroll(p.page, 'net-cost form');

			// a larger conversion, then calculate
			await p.page.locator('#n-conversion').fill('150,00');
			await calculate(p.page);
			const result = p.page.locator('#nc-result');
			await result.waitFor();
			const text = await mainText(p.page);
			assert.match(text, /Für [\d.]+,\d\d € im Monat in Ihrem Vertrag verzichten Sie auf [\d.]+,\d\d € Nettoentgelt\./);
			assert.match(text, /Die Abrechnung im Vergleich/);
			assert.match(text, /Ohne Umwandlung/);
			assert.match(text, /Lohnsteuer/);
			assert.match(text, /Rentenversicherung/);
			assert.match(text, /Nettoentgelt/);
			assert.match(text, /Grenzen der Entgeltumwandlung/);
			assert.match(text, /§ 3 Nr\. 63 EStG/);
			// the chart: inline SVG with role img and a name, the bar in segments
			const svg = p.page.locator('figure.nc-chart svg');
			assert.equal(await svg.getAttribute('role'), 'img');
			assert.match(await svg.getAttribute('aria-label'), /Woher der Beitrag kommt/);
			assert.ok((await svg.locator('rect.seg').count()) >= 3, 'stacked bar segments');
			const box = await svg.boundingBox();
			assert.ok(box.width > 300 && box.height > 80, `chart drawn (${box.width}×${box.height})`);
			// the comparison's lines open their explanation
			const line = p.page
				.locator('table.nc-compare details.why')
				.filter({ has: p.page.locator('summary', { hasText: /^Lohnsteuer$/ }) });
			await line.locator('summary').click();
			assert.match(await line.innerText(), /Programmablaufplan des BMF/);
			// the table and the chart carry the same net cost
			const kpi = (await p.page.locator('dl.nc-kpis .kpi.net dd').innerText()).trim();
			assert.match(await p.page.locator('ul.nc-legend').innerText(), new RegExp(kpi.replace(/\./g, '\\.')));
			if (name === 'phone') await assertNoHorizontalScroll(p.page, 'net-cost result');
			await screenshot(p.page, `netcost-employee-${name}`);
			assertCleanConsole(p, 'net-cost page');
		} finally {
			await p.close();
		}
	});
}

test('a wrong value is marked at its field', async () => {
	const p = await openPage('desktop');
	try {
		await login(p.page, 'anna.berger@muster.test');
		await p.page.goto('/employee/net-cost');
		await p.page.locator('#n-monthly_gross').fill('1000,00');
		await p.page.locator('#n-conversion').fill('2000,00');
		await calculate(p.page);
		const field = p.page.locator('#n-conversion');
		assert.equal(await field.getAttribute('aria-invalid'), 'true');
		assert.match(await p.page.locator('#n-conversion-error').innerText(), /Die Umwandlung kann das Bruttoentgelt nicht übersteigen/);
		assert.equal(await p.page.locator('#nc-result').count(), 0);
		// app.js puts the focus on the field at fault
		assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'n-conversion');
		// Chromium logs the 400 of the page itself; that answer is the point here.
		p.messages = p.messages.filter((m) => !/status of 400/.test(m.text));
		assertCleanConsole(p, 'net-cost error');
	} finally {
		await p.close();
	}
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
	test(`HR works out the net cost for an employee (${name})`, async () => {
		const p = await openPage(viewport);
		try {
			await login(p.page, 'hr@muster.test');
			await p.page.goto('/employer/1?q=Berger');
			await p.page.locator('main table a[href*="/employees/"]').first().click();
			await p.page.waitForURL(/\/employer\/1\/employees\/\d+$/);
			await p.page.getByRole('link', { name: 'Nettoaufwand einer Entgeltumwandlung berechnen' }).click();
			await p.page.waitForURL(/\/employer\/1\/employees\/\d+\/net-cost$/);
			assert.match(pathOf(p.page), /\/net-cost$/);
			assert.match(await mainText(p.page), /Anna Berger · Muster GmbH/);
			assert.equal(await p.page.locator('#n-conversion').inputValue(), '79,00');
			await calculate(p.page);
			await p.page.locator('#nc-result').waitFor();
			const text = await mainText(p.page);
			assert.match(text, /verzichtet Anna auf [\d.]+,\d\d € Nettoentgelt/);
			assert.match(text, /Beim Arbeitgeber/);
			assert.match(text, /Kosten des Arbeitgebers/);
			assert.equal(await p.page.locator('figure.nc-chart svg[role=img]').count(), 1);
			if (name === 'phone') await assertNoHorizontalScroll(p.page, 'net-cost for HR');
			await screenshot(p.page, `netcost-hr-${name}`);
			assertCleanConsole(p, 'net-cost page for HR');
		} finally {
			await p.close();
		}
	});
}
