// Runs MediaPipe's own JavaScript solutions on images in headless chromium and prints their landmarks as JSON.
// Usage: node record.js KIND:IMAGE ... (KIND: pose, hands, face), with server.js running on port 8765.
// Needs playwright-core (npm) and Debian's chromium; WebGL runs on SwiftShader.
const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'],
  });
  const page = await browser.newPage();
  await page.goto('http://127.0.0.1:8765/page/page.html');
  const results = {};
  for (const job of process.argv.slice(2)) {
    const [kind, image] = job.split(':');
    try { results[job] = await page.evaluate(([k, i]) => window.runOne(k, i), [kind, image]); }
    catch (e) { results[job] = { error: String(e).split('\n')[0] }; }
  }
  console.log(JSON.stringify(results));
  await browser.close();
})();
