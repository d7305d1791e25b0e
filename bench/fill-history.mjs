// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a long chat history straight into a stopped server's SQLite database, for scenario (f):
// sending a million messages through the protocol would take longer than the whole benchmark
// (Parley acknowledges a send only after an fsync). The rows are the ones a send would have
// written: for Parley, per-chat seq 1..N, a fresh revision per message, and the chat's last_seq;
// for the socket.io peer, message rows and the chat's latest_message.
//
//   node fill-history.mjs parley|socketio DATABASE CHAT_ID SENDER_ID OTHER_ID COUNT
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'peers', 'socketio', 'package.json'));
const Database = require('better-sqlite3');

const Batch = 50000;

function content(i) {
  return `history message ${i} of the benchmark, long enough to look like a chat line`;
}

function fillParley(db, chatId, senders, count) {
  const insert = db.prepare(
    'INSERT INTO messages (chat_id, seq, sender_id, client_id, content, created_at, rev) VALUES (?, ?, ?, NULL, ?, ?, ?)');
  const last = db.prepare('SELECT last_seq FROM chats WHERE id = ?').get(chatId);
  if (!last) throw new Error(`no chat ${chatId}`);
  let seq = last.last_seq;
  let revision = db.prepare('SELECT value FROM revision WHERE id = 1').get().value;
  const start = Date.now() - count; // one message a millisecond, ending now
  const batch = db.transaction((n) => {
    for (let i = 0; i < n; i++) {
      seq += 1;
      revision += 1;
      insert.run(chatId, seq, senders[seq % 2], content(seq), start + seq, revision);
    }
  });
  for (let done = 0; done < count; done += Batch) batch(Math.min(Batch, count - done));
  db.prepare('UPDATE chats SET last_seq = ?, last_activity = ? WHERE id = ?').run(seq, start + seq, chatId);
  db.prepare('UPDATE revision SET value = ? WHERE id = 1').run(revision);
  return seq;
}

function fillPeer(db, chatId, senders, count) {
  const insert = db.prepare(
    'INSERT INTO messages (chat_id, sender_id, content, client_id, created_at) VALUES (?, ?, ?, NULL, ?)');
  const start = Date.now() - count;
  let lastId = 0;
  let n = 0;
  const batch = db.transaction((size) => {
    for (let i = 0; i < size; i++) {
      n += 1;
      lastId = insert.run(chatId, senders[n % 2], content(n), new Date(start + n).toISOString()).lastInsertRowid;
    }
  });
  for (let done = 0; done < count; done += Batch) batch(Math.min(Batch, count - done));
  db.prepare('UPDATE chats SET latest_message = ?, updated_at = ? WHERE id = ?')
    .run(lastId, new Date().toISOString(), chatId);
  return Number(lastId);
}

export function fillHistory(kind, file, chatId, senderId, otherId, count) {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const senders = [Number(senderId), Number(otherId)];
    const fill = kind === 'parley' ? fillParley : fillPeer;
    const last = fill(db, Number(chatId), senders, count);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return last;
  } finally {
    db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, file, chatId, senderId, otherId, count] = process.argv.slice(2);
  if (!['parley', 'socketio'].includes(kind) || !file || !count) {
    console.error('usage: node fill-history.mjs parley|socketio DATABASE CHAT_ID SENDER_ID OTHER_ID COUNT');
    process.exit(2);
  }
  const last = fillHistory(kind, file, chatId, senderId, otherId, Number(count));
  console.log(`filled chat ${chatId} of ${file}: last ${last}`);
}
