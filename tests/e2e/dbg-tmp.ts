import { openBrowser } from '/work/wt-records/tests/e2e/browser.ts';
import { signInWithForm } from '/work/wt-records/tests/e2e/session.ts';
const js = process.argv[2] === 'js';
const b = await openBrowser({ javaScriptEnabled: js });
const base = 'http://127.0.0.1:4455';
await signInWithForm(b.page, base, 'armoede@voorbeeld.nl');
await b.page.goto(base + '/ateliers/over-leven-armoede/2024Q3');
const f = b.page.locator('section#activity details');
console.log(await f.getAttribute('open'));
for (const [l, v] of [['Datum', '2024-07-01'], ['Deelnemers totaal', '5'], ['waarvan bewoners', '7']]) {
  try { await f.getByLabel(l).first().fill(v, { timeout: 3000 }); console.log('ok', l); } catch (e) { console.log('fail', l, String(e).slice(0, 300)); }
}
await f.getByLabel('Soort bijeenkomst').selectOption({ label: 'workshop' });
await f.getByRole('button', { name: /toevoegen/ }).click();
await b.page.waitForTimeout(1500);
console.log(await b.page.locator('section#activity').innerText());
await b.close();
