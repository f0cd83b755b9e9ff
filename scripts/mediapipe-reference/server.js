// Serves the extracted MediaPipe npm packages (/pkg), the images (/img) and this folder (/page) on loopback.
// Usage: node server.js PACKAGES_DIR IMAGES_DIR [PORT]
const http = require('http'), fs = require('fs'), path = require('path');
const [packages, images, port = '8765'] = process.argv.slice(2);
const roots = { pkg: path.resolve(packages), img: path.resolve(images), page: __dirname };
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.png': 'image/png', '.jpg': 'image/jpeg' };
http.createServer((req, res) => {
  const [, root, ...rest] = decodeURIComponent(req.url.split('?')[0]).split('/');
  if (!roots[root] || rest.includes('..')) { res.writeHead(404); res.end(); return; }
  const file = path.join(roots[root], ...rest);
  fs.readFile(file, (e, data) => {
    if (e) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(data);
  });
}).listen(Number(port), '127.0.0.1');
