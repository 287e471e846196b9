// import.test.mjs — the import page in the browser: HR chooses "contracts",
// uploads a small CSV, watches the upload progress and the "processing" state
// (static/app.js), reads the dry run's report, commits, and finds the new
// contract on the record page with its export links; the same form without
// JavaScript; the phone layout.  One server and one browser for the file.
// Run: node --test tests/e2e/import.test.mjs
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

// M00002 (Jana Becker, entry 1997-06-01) gets a contract; M00001's ALV-100037
// (79,00 €) changes; the third row starts before the entry: invalid.
const CSV = [
	'Personalnummer;Versicherungsnummer;Vertragsbeginn;Beitrag;Zahlweise;Kostenstelle',
	'M00002;E2E-1;01.03.2025;30,00;jährlich;K1',
	'M00001;ALV-100037;;85,00;;K2',
	'M00002;E2E-BAD;01.01.1990;50,00;;K3',
	'',
].join('\r\n');

const file = (name = 'vertraege.csv') => ({ name, mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });

/** The report's facts as {label: value}. */
async function facts(page) {
	const dts = await page.locator('#import-report dl.facts dt').allInnerTexts();
	const dds = await page.locator('#import-report dl.facts dd').allInnerTexts();
	return Object.fromEntries(dts.map((k, i) => [k.trim(), dds[i].trim()]));
}

describe('import page', () => {
	test('contracts: progress, processing, dry run report, commit, record page', async () => {
		const p = await openPage('desktop');
		const { page } = p;
		try {
			await login(page, 'hr@muster.test');
			await page.goto('/employer/1/import');
			assert.equal(await page.locator('h1').innerText(), 'Beschäftigte importieren');
			const box = page.locator('[data-upload-status]');
			assert.equal(await box.isVisible(), false, 'no progress before an upload');

			await page.getByLabel('Versicherungsverträge mit ihren Zusagen').check();
			await page.locator('#f-file').setInputFiles(file());
			// Watch the upload box: each state it passes through, and whether it shows.
			await page.evaluate(() => {
				const box = document.querySelector('[data-upload-status]');
				window.__upload = [];
				new MutationObserver(() => {
					window.__upload.push(`${box.dataset.state}${box.hidden ? ' hidden' : ''}`);
				}).observe(box, { attributes: true, attributeFilter: ['data-state', 'hidden'] });
			});
			const answered = page.waitForResponse(
				(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/employer/1/import',
			);
			await page.getByRole('button', { name: 'Prüfen (Probelauf)' }).click();
			await answered;
			await page.locator('#import-report').waitFor();
			const states = await page.evaluate(() => window.__upload);
			assert.ok(states.includes('uploading'), `the upload showed its progress: ${states}`);
			assert.ok(states.includes('processing'), `then "processing": ${states}`);
			assert.ok(states.indexOf('uploading') < states.indexOf('processing'), `in that order: ${states}`);
			assert.ok(!states.some((s) => s.endsWith(' hidden')), `shown all along: ${states}`);

			// the same page (no navigation), now for contracts, with the report
			assert.equal(pathOf(page), '/employer/1/import');
			assert.equal(await page.locator('h1').innerText(), 'Verträge und Zusagen importieren');
			assert.equal(await page.title(), 'Verträge und Zusagen importieren · Muster GmbH · openbav');
			assert.equal(await page.locator('#import-report h2').innerText(), 'Ergebnis des Probelaufs');
			const f = await facts(page);
			assert.equal(f['Datei'], 'vertraege.csv');
			assert.equal(f['Zeilen'], '3');
			assert.equal(f['Neu'], '1');
			assert.equal(f['Geändert'], '1');
			assert.equal(f['Ungültig'], '1');
			const text = await mainText(page);
			assert.match(text, /Es wurde nichts gespeichert\./);
			assert.match(text, /Vertragsbeginn Der Vertrag beginnt vor dem Eintritt der Person\./);
			assert.match(text, /ALV-100037 M00001 Geändert Beitrag \(€\): 79,00\s*€ → (geändert in )?85,00\s*€/);
			assert.match(text, /Kostenstelle/);
			// focus lands on the report for keyboard and screen-reader users
			assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ergebnis des Probelaufs');
			// the form keeps the chosen kind for the next step
			assert.equal(await page.getByLabel('Versicherungsverträge mit ihren Zusagen').isChecked(), true);
			await screenshot(page, 'import-contracts-dry-run');

			// commit (the enhanced form again, from the swapped-in page)
			await page.locator('#f-file').setInputFiles(file());
			await page.getByRole('button', { name: 'Importieren', exact: true }).click();
			await page.locator('#import-report h2', { hasText: 'Ergebnis des Imports' }).waitFor();
			assert.match(await mainText(page), /Gespeichert\./);
			assertCleanConsole(p, 'import page');

			// the record page: the new contract, and the lists' export links
			await page.goto('/employer/1/employees/3');
			const contracts = await page.locator('table', { hasText: 'E2E-1' }).innerText();
			assert.match(contracts, /E2E-1/);
			assert.equal(await page.locator('a[href="/employer/1/insurance-contracts.csv?employee_id=3"]').count(), 1);
			assert.equal(await page.locator('a[href="/employer/1/commitments.xlsx?employee_id=3"]').count(), 1);
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.locator('a[href="/employer/1/insurance-contracts.csv?employee_id=3"]').click(),
			]);
			assert.match(download.suggestedFilename(), /^insurance-contracts-Muster-GmbH-M00002-\d{4}-\d\d-\d\d\.csv$/);
			assertCleanConsole(p, 'record page');
		} finally {
			await p.close();
		}
	});

	test('without JavaScript the form still posts and shows the report', async () => {
		const p = await openPage('desktop', { javaScriptEnabled: false });
		const { page } = p;
		try {
			await login(page, 'hr@muster.test');
			await page.goto('/employer/1/import?kind=contracts');
			await page.locator('#f-file').setInputFiles(file('ohne-js.csv'));
			await Promise.all([
				page.waitForURL((u) => u.pathname === '/employer/1/import' && u.searchParams.has('_csrf')),
				page.getByRole('button', { name: 'Prüfen (Probelauf)' }).click(),
			]);
			const f = await facts(page);
			assert.equal(f['Datei'], 'ohne-js.csv');
			assert.equal(f['Zeilen'], '3');
			assert.equal(f['Ungültig'], '1');
		} finally {
			await p.close();
		}
	});

	test('phone: the report fits the screen', async () => {
		const p = await openPage('phone');
		const { page } = p;
		try {
			await login(page, 'hr@muster.test');
			await page.goto('/employer/1/import?kind=contracts');
			await page.locator('#f-file').setInputFiles(file());
			await page.getByRole('button', { name: 'Prüfen (Probelauf)' }).click();
			await page.locator('#import-report').waitFor();
			await assertNoHorizontalScroll(page, 'import report');
			await screenshot(page, 'import-contracts-phone');
			assertCleanConsole(p, 'import page (phone)');
		} finally {
			await p.close();
		}
	});
});
