// calc.test.mjs — an HR clerk and an employee use the calculators in the
// browser: the vesting form in German notation, the result with its
// paragraphs, explanation and timeline (updated in place by htmx), a wrong
// date marked with a German message, and the phone layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	assertCleanConsole,
	assertNoHorizontalScroll,
	login,
	mainText,
	openPage,
	screenshot,
	useSuite,
} from './lib.mjs';

useSuite();

async function fillVesting(page, exit) {
	await page.locator('#f-birth_date').fill('12.09.1982');
	await page.locator('#f-service_start').fill('01.04.2004');
	await page.locator('#f-commitment_start').fill('01.01.2006');
	await page.locator('#f-financing').selectOption('employer');
	await page.locator('#f-exit_date').fill(exit);
}

for (const viewport of ['desktop', 'phone']) {
	test(`vesting calculator as HR (${viewport})`, async () => {
		const p = await openPage(viewport);
		try {
			await login(p.page, 'hr@muster.test');
			await p.page.goto('/calc');
			await p.page.getByRole('link', { name: 'Unverfallbarkeit dem Grunde nach' }).click();
			await p.page.waitForURL('**/calc/vesting');
			await fillVesting(p.page, '11.09.2012');
			const before = p.page.url();
			await Promise.all([
				p.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/calc/vesting')),
				p.page.locator('main form').getByRole('button', { name: 'Berechnen' }).click(),
			]);
			await p.page.locator('#calc-result dl.facts').waitFor();
			assert.equal(p.page.url(), before, 'htmx swaps the result in place');
			const text = await mainText(p.page);
			assert.match(text, /Gesetzlich unverfallbar ab 12\.09\.2012/);
			assert.match(text, /Unverfallbar beim Austritt Ja/);
			assert.match(text, /§ 30f Abs\. 2 BetrAVG/);
			assert.ok((await p.page.locator('ol.explanation li').count()) >= 5, 'explanation sentences');
			assert.equal(await p.page.locator('figure.timeline svg g.mark').count(), 4, 'timeline marks');
			// a day earlier the entitlement is lost
			await fillVesting(p.page, '10.09.2012');
			await p.page.locator('main form').getByRole('button', { name: 'Berechnen' }).click();
			await p.page.waitForFunction(() => document.querySelector('#calc-result').innerText.includes('Nein'));
			if (viewport === 'phone') await assertNoHorizontalScroll(p.page, 'vesting calculator');
			await screenshot(p.page, `calc-vesting-${viewport}`);
			assertCleanConsole(p, 'vesting calculator');
		} finally {
			await p.close();
		}
	});
}

test('m/n calculator as an employee, with a wrong date', async () => {
	const p = await openPage('desktop');
	try {
		await login(p.page, 'anna.berger@muster.test');
		await p.page.goto('/calc/mn');
		await p.page.locator('#f-promised_cents').fill('300,00');
		await p.page.locator('#f-service_start').fill('01.01.1979');
		await p.page.locator('#f-exit_date').fill('31.12.1985');
		await p.page.locator('#f-retirement_date').fill('31.12.2014');
		await p.page.locator('main form').getByRole('button', { name: 'Berechnen' }).click();
		await p.page.locator('#calc-result dl.facts').waitFor();
		assert.match(await mainText(p.page), /58,33/);
		// an impossible date: a German message naming the field, nothing computed
		await p.page.locator('#f-exit_date').fill('31.02.1985');
		await p.page.locator('main form').getByRole('button', { name: 'Berechnen' }).click();
		const alert = p.page.locator('#calc-result [role=alert]');
		await alert.waitFor();
		assert.match(await alert.innerText(), /Letzter Arbeitstag/);
		assert.equal(await p.page.locator('#calc-result dl.facts').count(), 0);
		// Chromium logs every 4xx answer to a script request; that 400 is the point here.
		p.messages = p.messages.filter((m) => !/status of 400/.test(m.text));
		assertCleanConsole(p, 'm/n calculator');
	} finally {
		await p.close();
	}
});
