// The page of `vanban serve` in a real browser: Debian's Chromium, driven by
// playwright-core (installed by scripts/deps into tests/browser/node_modules;
// no browser is downloaded).
//
//   node tests/browser/serve.test.mjs VANBAN [SCREENSHOT_DIR]
//
// Starts the server on a free port, then: the list shows the drafts (and not
// a link leading out of the folder); a draft's pages load, captioned
// "Trang 1/3"; saving the draft changes the picture with no reload by hand;
// a broken draft shows its error with line and column in the page, the last
// good pages kept; fixed, the pages come back; /../../etc/passwd gets
// nothing, and nothing without the token. Stops the server.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const vanban = process.argv[2];
const shots = process.argv[3] || os.tmpdir();
const chromiumPath = process.env.VB_CHROMIUM || '/usr/bin/chromium';

let chromium;
try {
  ({ chromium } = await import(path.join(here, 'node_modules', 'playwright-core', 'index.mjs')));
} catch (e) {
  console.error('serve.test: playwright-core is not installed (scripts/deps installs it): ' + e.message);
  process.exit(1);
}

let failed = 0;
let passed = 0;
function check(cond, msg) {
  if (cond) { passed++; return true; }
  failed++;
  console.error('FAIL: ' + msg);
  return false;
}

// a folder of drafts
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vb-browser-'));
const dir = path.join(work, 'nhap');
fs.mkdirSync(dir);
const original = fs.readFileSync(path.join(root, 'examples', 'bao-cao-lap-vo.xml'), 'utf8');
const draft = path.join(dir, 'bao-cao.xml');
fs.writeFileSync(draft, original);
fs.copyFileSync(path.join(root, 'examples', 'to-trinh.xml'), path.join(dir, 'to-trinh.xml'));
fs.writeFileSync(path.join(work, 'secret.xml'), '<secret>root:x:0:0</secret>\n');
fs.symlinkSync(path.join(work, 'secret.xml'), path.join(dir, 'ngoai.xml'));

// Saves as an editor does: a new file renamed over the old one.
function save(text) {
  fs.writeFileSync(draft + '.tmp~', text);
  fs.renameSync(draft + '.tmp~', draft);
}

const server = spawn(vanban, ['serve', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((resolve, reject) => {
  const rl = readline.createInterface({ input: server.stdout });
  rl.once('line', resolve);
  server.once('exit', (code) => reject(new Error('vanban serve exited with ' + code)));
});
const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{32})$/.exec(address);
check(m, 'the address line: ' + address);
const port = Number(m[1]);
const token = m[2];

function rawGet(target, host) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method: 'GET',
      headers: { Host: host || `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end();
  });
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(20000);
  await page.goto(address);
  check((await page.title()).includes('Bản nháp'), 'the title says Bản nháp');
  await page.waitForSelector('#drafts a');
  const names = await page.$$eval('#drafts a', (as) => as.map((a) => a.textContent));
  check(JSON.stringify(names) === JSON.stringify(['bao-cao.xml', 'to-trinh.xml']), 'the list: ' + names);

  // a draft picked: its pages, captioned in Vietnamese
  await page.click('#drafts a[data-name="bao-cao.xml"]');
  await page.waitForFunction(() => document.querySelectorAll('#pages img').length === 3 &&
    [...document.querySelectorAll('#pages img')].every((i) => i.complete && i.naturalWidth > 0));
  const caps = await page.$$eval('#pages figcaption', (cs) => cs.map((c) => c.textContent));
  check(caps.join('|') === 'Trang 1/3|Trang 2/3|Trang 3/3', 'captions: ' + caps);
  const width = await page.$eval('#pages img', (i) => i.naturalWidth);
  check(width === 794, 'page 1 is 794 pixels wide at 96 dpi, not ' + width);
  const pictureHash = async () => {
    const b64 = await page.$eval('#pages img', async (img) => {
      const r = await fetch(img.src);
      const bytes = new Uint8Array(await r.arrayBuffer());
      let s = '';
      for (const x of bytes) s += String.fromCharCode(x);
      return btoa(s);
    });
    return createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');
  };
  const before = await pictureHash();
  const v1 = await page.$eval('#pages', (p) => p.dataset.version);
  await page.screenshot({ path: path.join(shots, 'serve-1-pages.png') });

  // saved with other words: new pictures, with no reload by hand
  let navigations = 0;
  page.on('framenavigated', () => { navigations++; });
  save(original.replaceAll('Lấp Vò', 'Tháp Mười'));
  await page.waitForFunction((v) => document.querySelector('#pages').dataset.version !== v, v1);
  const after = await pictureHash();
  check(after !== before, 'the picture changed after the save');
  check(navigations === 0, 'the page reloaded itself ' + navigations + ' times');

  // saved broken: the error, with line and column, in the page
  const lines = original.split('\n');
  const at = lines.findIndex((l) => l.includes('</trich_yeu>'));
  lines[at] = lines[at].replace('</trich_yeu>', '');
  save(lines.join('\n'));
  await page.waitForSelector('body[data-state="error"] #errors:not([hidden])');
  const heading = await page.textContent('#errors h3');
  check(heading === 'Lỗi', 'the error box is headed Lỗi, not ' + heading);
  const first = await page.$eval('#errlist li', (li) => ({ text: li.textContent, line: li.dataset.line,
    column: li.dataset.column }));
  check(/^Dòng \d+, cột \d+: /.test(first.text) && Number(first.line) > at && Number(first.column) > 0,
    'the error shows line and column: ' + JSON.stringify(first));
  check(await page.isVisible('#stale'), 'the page says the pictures are the last good ones');
  check((await page.$$('#pages img')).length === 3, 'the last good pages stay');
  const statusText = await page.textContent('#status');
  check(statusText.includes('lỗi'), 'the status line says lỗi: ' + statusText);
  await page.screenshot({ path: path.join(shots, 'serve-2-error.png') });

  // fixed: good pages again, the first ones
  save(original);
  await page.waitForSelector('body[data-state="ok"]');
  await page.waitForFunction(() => document.querySelector('#errors').hidden);
  check(await pictureHash() === before, 'fixed: the first picture is back');
  check(navigations === 0, 'no reload by hand');

  // the other draft, by its link
  await page.click('#drafts a[data-name="to-trinh.xml"]');
  await page.waitForFunction(() => document.querySelector('#pages').dataset.name === 'to-trinh.xml');
  check((await page.textContent('#title')) === 'to-trinh.xml', 'the title follows the pick');

  // nothing outside the folder, whatever the path
  for (const target of ['/../../etc/passwd', `/../../etc/passwd?token=${token}`,
    `/%2e%2e/%2e%2e/etc/passwd?token=${token}`, `/api/draft?name=ngoai.xml&token=${token}`,
    `/page?name=..%2F..%2Fetc%2Fpasswd&n=1&token=${token}`]) {
    const r = await rawGet(target);
    check(r.status >= 400 && r.status < 500 && !r.body.includes('root:'), `${target}: ${r.status}`);
  }
  const viaBrowser = await page.evaluate(async (p) => {
    const r = await fetch(`http://127.0.0.1:${p}/../../etc/passwd`);
    return { status: r.status, body: await r.text() };
  }, port);
  check(viaBrowser.status === 403 && !viaBrowser.body.includes('root:'), 'the browser got ' + viaBrowser.status);
  const noToken = await rawGet('/api/drafts');
  check(noToken.status === 403, 'no token: ' + noToken.status);
  const rebound = await rawGet(`/api/drafts?token=${token}`, `evil.example:${port}`);
  check(rebound.status === 403, 'a rebound Host: ' + rebound.status);
} catch (e) {
  check(false, 'the browser run failed: ' + (e.stack || e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  const code = await new Promise((resolve) => server.once('exit', resolve));
  check(code === 0, 'vanban serve exits 0 on SIGTERM, not ' + code);
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
