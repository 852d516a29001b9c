'use strict';
// Starts the language server of the `ppkm` command (`ppkm lsp`, over stdio) for .ppkm files:
// findings as you type, hover, go to definition, references, completion, formatting and the
// quick fixes the findings name. The server is the installed `ppkm`; this file only starts it.

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverOptions() {
  const configured = vscode.workspace.getConfiguration('ppkm').get('server.path');
  const command = typeof configured === 'string' && configured.trim() ? configured.trim() : 'ppkm';
  return { command, args: ['lsp'], transport: TransportKind.stdio };
}

async function activate(context) {
  const server = serverOptions();
  client = new LanguageClient('ppkm', 'ppkm', server, {
    documentSelector: [{ scheme: 'file', language: 'ppkm' }],
  });
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `ppkm: could not start \`${server.command} lsp\` (${err && err.message ? err.message : err}). ` +
      'Install ppkm-lang, or set `ppkm.server.path` to the `ppkm` command, then reload the window.');
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
