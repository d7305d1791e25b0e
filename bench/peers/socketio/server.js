// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';
// The chat server design Parley replaces, kept as a reference peer for bench/run: Node.js +
// socket.io with the seed's socket events (setup with a personal room, join chat, new message,
// typing), persisting to SQLite through better-sqlite3 where the seed used MongoDB (not
// available here). What the seed did over REST (sign-up, login, chats, history) is offered as
// socket events with an acknowledgement, so one WebSocket carries the whole benchmark workload.
//
// Every acknowledgement is {ok: true, data} or {ok: false, error: {code, message}}.
//
// Durability: by default SQLite runs in WAL mode with synchronous=NORMAL: an acknowledged message
// survives a crash of this process (it is in the operating system's file cache) but not a power
// loss, which is what the seed's MongoDB gave with its default write concern (journal flushed
// every 100 ms). `--synchronous full` fsyncs every commit, as Parley does.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const crypto = require('node:crypto');
const { Server } = require('socket.io');
const Database = require('better-sqlite3');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');

const DefaultPic = 'https://icon-library.com/images/anonymous-avatar-icon/anonymous-avatar-icon-25.jpg';

function parseArgs(argv) {
  const options = { port: 0, bind: '127.0.0.1', dataDir: '', synchronous: 'normal' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === '--port') options.port = Number(value);
    else if (name === '--bind') options.bind = value;
    else if (name === '--data-dir') options.dataDir = value;
    else if (name === '--synchronous') options.synchronous = value;
    else {
      console.error(`unknown option ${name}`);
      process.exit(2);
    }
    i++;
  }
  if (!options.dataDir) {
    console.error('usage: server.js --data-dir DIR [--port P] [--bind ADDRESS] [--synchronous normal|full]');
    process.exit(2);
  }
  if (!['normal', 'full'].includes(options.synchronous)) {
    console.error('--synchronous: normal or full');
    process.exit(2);
  }
  return options;
}

function openDatabase(file, synchronous) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password TEXT NOT NULL,
      pic TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS chats (
      id INTEGER PRIMARY KEY,
      chat_name TEXT NOT NULL,
      is_group_chat INTEGER NOT NULL,
      group_admin INTEGER REFERENCES users (id),
      direct_key TEXT UNIQUE,
      latest_message INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS chat_users (
      chat_id INTEGER NOT NULL REFERENCES chats (id),
      user_id INTEGER NOT NULL REFERENCES users (id),
      PRIMARY KEY (chat_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS chat_users_user ON chat_users (user_id);
    CREATE TABLE IF NOT EXISTS messages (
      id INTEGER PRIMARY KEY,
      chat_id INTEGER NOT NULL REFERENCES chats (id),
      sender_id INTEGER NOT NULL REFERENCES users (id),
      content TEXT NOT NULL,
      client_id TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (sender_id, client_id)
    );
    CREATE INDEX IF NOT EXISTS messages_chat ON messages (chat_id, id);
  `);
  return db;
}

function loadSecret(dataDir) {
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

class Failure extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// The queries the seed's Mongoose models made, as prepared statements.
class Store {
  constructor(db) {
    this.db = db;
    this.s = {
      insertUser: db.prepare('INSERT INTO users (name, email, password, pic, created_at) VALUES (?, ?, ?, ?, ?)'),
      userByEmail: db.prepare('SELECT * FROM users WHERE email = ?'),
      userById: db.prepare('SELECT id, name, email, pic FROM users WHERE id = ?'),
      directChat: db.prepare('SELECT id FROM chats WHERE direct_key = ?'),
      insertChat: db.prepare(
        'INSERT INTO chats (chat_name, is_group_chat, group_admin, direct_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertMember: db.prepare('INSERT INTO chat_users (chat_id, user_id) VALUES (?, ?)'),
      chat: db.prepare('SELECT * FROM chats WHERE id = ?'),
      chatUsers: db.prepare(
        'SELECT u.id, u.name, u.email, u.pic FROM chat_users c JOIN users u ON u.id = c.user_id WHERE c.chat_id = ?'),
      isMember: db.prepare('SELECT 1 FROM chat_users WHERE chat_id = ? AND user_id = ?'),
      earlier: db.prepare('SELECT id, chat_id FROM messages WHERE sender_id = ? AND client_id = ?'),
      insertMessage: db.prepare(
        'INSERT INTO messages (chat_id, sender_id, content, client_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      touchChat: db.prepare('UPDATE chats SET latest_message = ?, updated_at = ? WHERE id = ?'),
      message: db.prepare(
        'SELECT m.*, u.name AS sender_name, u.pic AS sender_pic FROM messages m JOIN users u ON u.id = m.sender_id WHERE m.id = ?'),
      history: db.prepare(
        `SELECT m.*, u.name AS sender_name, u.pic AS sender_pic FROM messages m JOIN users u ON u.id = m.sender_id
         WHERE m.chat_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?`),
    };
    this.createChatTx = db.transaction((name, isGroup, adminId, directKey, userIds) => {
      const now = new Date().toISOString();
      const chatId = this.s.insertChat.run(name, isGroup ? 1 : 0, adminId, directKey, now, now).lastInsertRowid;
      for (const userId of userIds) this.s.insertMember.run(chatId, userId);
      return chatId;
    });
    this.sendTx = db.transaction((chatId, senderId, content, clientId) => {
      const earlier = clientId ? this.s.earlier.get(senderId, clientId) : undefined;
      if (earlier) {
        if (earlier.chat_id !== chatId) throw new Failure('conflict', 'clientId: already used in another chat');
        return { id: earlier.id, stored: false };
      }
      const now = new Date().toISOString();
      const id = this.s.insertMessage.run(chatId, senderId, content, clientId || null, now).lastInsertRowid;
      this.s.touchChat.run(id, now, chatId);
      return { id, stored: true };
    });
  }

  user(row) {
    return { _id: String(row.id), name: row.name, email: row.email, pic: row.pic };
  }

  chat(chatId) {
    const row = this.s.chat.get(chatId);
    if (!row) return null;
    return {
      _id: String(row.id),
      chatName: row.chat_name,
      isGroupChat: row.is_group_chat === 1,
      users: this.s.chatUsers.all(chatId).map((u) => this.user(u)),
      groupAdmin: row.group_admin === null ? null : String(row.group_admin),
      latestMessage: row.latest_message === null ? null : String(row.latest_message),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  message(row, chat) {
    return {
      _id: String(row.id),
      sender: { _id: String(row.sender_id), name: row.sender_name, pic: row.sender_pic },
      content: row.content,
      clientId: row.client_id,
      chat,
      createdAt: row.created_at,
      updatedAt: row.created_at,
    };
  }

  requireMember(chatId, userId) {
    if (!this.s.chat.get(chatId)) throw new Failure('not_found', 'chatId: no such chat');
    if (!this.s.isMember.get(chatId, userId)) throw new Failure('forbidden', 'not a member of this chat');
  }
}

function signToken(secret, userId) {
  return jwt.sign({ id: String(userId) }, secret, { expiresIn: '30d' });
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(path.join(options.dataDir, 'peer.db'), options.synchronous);
  const store = new Store(db);
  const secret = loadSecret(options.dataDir);

  const httpServer = http.createServer();
  const io = new Server(httpServer, { pingTimeout: 60000, serveClient: false });

  io.on('connection', (socket) => {
    // Runs a handler and answers through the acknowledgement, when the client asked for one.
    const on = (event, handler) => {
      socket.on(event, async (data, ack) => {
        const reply = typeof ack === 'function' ? ack : () => {};
        try {
          reply({ ok: true, data: await handler(data || {}) });
        } catch (error) {
          const code = error instanceof Failure ? error.code : 'internal';
          if (code === 'internal') console.error(error);
          reply({ ok: false, error: { code, message: error.message } });
        }
      });
    };
    const self = () => {
      if (!socket.data.userId) throw new Failure('unauthenticated', 'call setup first');
      return socket.data.userId;
    };

    on('register', async ({ name, email, password }) => {
      if (!name || !email || !password) throw new Failure('bad_request', 'name, email and password are required');
      if (store.s.userByEmail.get(email)) throw new Failure('conflict', 'user already exists');
      const salt = await bcrypt.genSalt(10);
      const hash = await bcrypt.hash(password, salt);
      const id = store.s.insertUser.run(name, email, hash, DefaultPic, new Date().toISOString()).lastInsertRowid;
      return { user: store.user(store.s.userById.get(id)), token: signToken(secret, id) };
    });

    on('login', async ({ email, password }) => {
      const row = store.s.userByEmail.get(email || '');
      if (!row || !(await bcrypt.compare(password || '', row.password)))
        throw new Failure('unauthenticated', 'invalid email or password');
      return { user: store.user(row), token: signToken(secret, row.id) };
    });

    // The seed: socket.on("setup", userData => { socket.join(userData._id); socket.emit("connected") }),
    // here with the token checked so that the personal room is really the caller's.
    on('setup', ({ token }) => {
      let claims;
      try {
        claims = jwt.verify(token || '', secret);
      } catch {
        throw new Failure('unauthenticated', 'invalid token');
      }
      const row = store.s.userById.get(Number(claims.id));
      if (!row) throw new Failure('unauthenticated', 'invalid token');
      socket.data.userId = row.id;
      socket.join(String(row.id));
      socket.emit('connected');
      return { user: store.user(row) };
    });

    on('access chat', ({ userId }) => {
      const me = self();
      const other = Number(userId);
      if (!store.s.userById.get(other)) throw new Failure('not_found', 'userId: no such user');
      if (other === me) throw new Failure('bad_request', 'userId: yourself');
      const key = `${Math.min(me, other)}:${Math.max(me, other)}`;
      const found = store.s.directChat.get(key);
      const chatId = found ? found.id : store.createChatTx('sender', false, null, key, [me, other]);
      return { chat: store.chat(chatId) };
    });

    on('create group', ({ name, users }) => {
      const me = self();
      const ids = [...new Set((users || []).map(Number).filter((id) => id !== me))];
      if (!name || ids.length < 2) throw new Failure('bad_request', 'a name and at least 2 other users are required');
      for (const id of ids) if (!store.s.userById.get(id)) throw new Failure('not_found', 'users: no such user');
      return { chat: store.chat(store.createChatTx(name, true, me, null, [me, ...ids])) };
    });

    on('fetch messages', ({ chatId, beforeId, limit }) => {
      const chat = Number(chatId);
      store.requireMember(chat, self());
      const pageSize = Math.min(Math.max(Number(limit) || 50, 1), 100);
      const before = beforeId ? Number(beforeId) : Number.MAX_SAFE_INTEGER;
      const rows = store.s.history.all(chat, before, pageSize + 1);
      const hasMore = rows.length > pageSize;
      const summary = { _id: String(chat) };
      const messages = rows.slice(0, pageSize).reverse().map((row) => store.message(row, summary));
      return { messages, hasMore };
    });

    // The seed stored a message over REST and then emitted it to each member's personal room; here
    // both happen in one event: stored (committed) first, then acknowledged, then emitted.
    on('new message', ({ chatId, content, clientId }) => {
      const me = self();
      const chat = Number(chatId);
      const text = String(content || '').trim();
      if (!text) throw new Failure('bad_request', 'content: empty');
      store.requireMember(chat, me);
      const { id, stored } = store.sendTx(chat, me, text, clientId ? String(clientId) : null);
      const message = store.message(store.s.message.get(id), store.chat(chat));
      if (stored) {
        // socket.in(room) leaves out this socket: the sender's other connections still get it.
        for (const user of message.chat.users) socket.in(user._id).emit('message recieved', message);
      }
      return { message };
    });

    socket.on('join chat', (room) => socket.join(String(room)));
    socket.on('typing', (room) => socket.in(String(room)).emit('typing', room));
    socket.on('stop typing', (room) => socket.in(String(room)).emit('stop typing', room));
  });

  httpServer.listen(options.port, options.bind, () => {
    const { address, port } = httpServer.address();
    console.error(`listening on ws://${address}:${port}/socket.io/ (pid ${process.pid})`);
  });

  const stop = () => {
    io.close();
    httpServer.close();
    db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
