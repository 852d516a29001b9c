'use strict';
// Loads the VS Code extension in editors/vscode under node, as VS Code would, and prints (as
// JSON) what its `activate` and `deactivate` did. `vscode` is not an npm package (VS Code
// provides it to extensions): a require hook serves a stub with the settings given. The
// language client is the real `vscode-languageclient/node` installed beside the extension,
// with its LanguageClient class replaced by one that records how it was made.
//
//   node activate_extension.cjs EXTENSION_DIR '{"settings": {"ppkm.server.path": "..."}, "failStart": false}'

const Module = require('module');
const path = require('path');

const dir = path.resolve(process.argv[2]);
const options = JSON.parse(process.argv[3] || '{}');
const settings = options.settings || {};
const report = { clients: [], started: 0, stopped: 0, errors: [], subscriptions: 0 };

// Whatever the client library reads from `vscode` while it loads (classes to extend, enums)
// is a stand-in; what the extension itself calls is spelled out below.
function standIn() {
  return new Proxy(class {}, {
    get(target, prop) {
      if (prop === 'prototype' || typeof prop === 'symbol') return target[prop];
      if (!(prop in target)) target[prop] = standIn();
      return target[prop];
    },
  });
}
const vscode = standIn();
vscode.workspace = {
  getConfiguration(section) {
    return { get: (key, fallback) => (`${section}.${key}` in settings ? settings[`${section}.${key}`] : fallback) };
  },
};
vscode.window = { showErrorMessage: (message) => { report.errors.push(message); } };

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, parent, isMain);
};

const client = require(require.resolve('vscode-languageclient/node', { paths: [dir] }));
report.library = { LanguageClient: typeof client.LanguageClient, stdio: client.TransportKind.stdio };
client.LanguageClient = class {
  constructor(id, name, serverOptions, clientOptions) {
    report.clients.push({ id, name, serverOptions, documentSelector: clientOptions.documentSelector });
  }
  start() {
    report.started += 1;
    return options.failStart ? Promise.reject(new Error('spawn ppkm ENOENT')) : Promise.resolve();
  }
  stop() { report.stopped += 1; return Promise.resolve(); }
  dispose() { return this.stop(); }
};

const manifest = require(path.join(dir, 'package.json'));
const extension = require(path.join(dir, manifest.main));
const context = { subscriptions: { push: (...items) => { report.subscriptions += items.length; } } };
(async () => {
  await extension.activate(context);
  await extension.deactivate();
  process.stdout.write(JSON.stringify(report));
})().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
