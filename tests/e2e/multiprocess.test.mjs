// multiprocess.test.mjs — two `openbav serve` processes on one database behind
// Debian's nginx (round robin), as deployed (README: several app servers).
// What must hold across processes lives in the database (docs/design.md):
// a session made on one process is valid on the other, login throttling
// counts failures made on both, a write through one is read through the
// other, and nginx spreads the requests over both.  No browser: plain HTTP.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PASSWORD, freePort, sleep, startServer, stopServer, tail } from './lib.mjs';

const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const env = {};

/** A minimal cookie jar: name → value, from Set-Cookie headers. */
class Jar {
	constructor() {
		this.c = new Map();
	}
	take(res) {
		for (const h of res.headers.getSetCookie()) {
			const [pair] = h.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i).trim();
			const value = pair.slice(i + 1).trim();
			if (/max-age=0/i.test(h) || value === '') this.c.delete(name);
			else this.c.set(name, value);
		}
	}
	header() {
		return [...this.c].map(([k, v]) => `${k}=${v}`).join('; ');
	}
}

async function get(base, path, jar) {
	const res = await fetch(base + path, { redirect: 'manual', headers: jar ? { Cookie: jar.header() } : {} });
	if (jar) jar.take(res);
	return res;
}

/** Signs in through the login form of base; returns the POST's status. */
async function login(base, jar, email, password) {
	const form = await get(base, '/login', jar);
	const html = await form.text();
	const m = html.match(/name="_csrf" value="([^"]+)"/);
	assert.ok(m, 'the login form has a _csrf field');
	const body = new URLSearchParams({ email, password, _csrf: m[1] });
	const res = await fetch(base + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { Cookie: jar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
		body,
	});
	jar.take(res);
	return res.status;
}

before(async () => {
	env.a = await startServer();
	env.b = await startServer({ dir: env.a.dir, db: env.a.db });
	env.port = await freePort();
	const conf = join(env.a.dir, 'nginx.conf');
	writeFileSync(
		conf,
		`daemon off;
worker_processes 1;
pid ${join(env.a.dir, 'nginx.pid')};
error_log ${join(env.a.dir, 'nginx-error.log')} warn;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path ${env.a.dir}/nginx-body;
	proxy_temp_path ${env.a.dir}/nginx-proxy;
	fastcgi_temp_path ${env.a.dir}/nginx-fastcgi;
	uwsgi_temp_path ${env.a.dir}/nginx-uwsgi;
	scgi_temp_path ${env.a.dir}/nginx-scgi;
	upstream openbav { server 127.0.0.1:${env.a.port}; server 127.0.0.1:${env.b.port}; keepalive 8; }
	server {
		listen 127.0.0.1:${env.port};
		location / {
			proxy_pass http://openbav;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $host;
			proxy_set_header X-Forwarded-For $remote_addr;
			add_header X-Upstream $upstream_addr always;
		}
	}
}
`,
	);
	env.nginx = spawn(NGINX, ['-c', conf, '-p', env.a.dir], { stdio: ['ignore', 'ignore', 'pipe'] });
	env.nginxErr = '';
	env.nginx.stderr.on('data', (d) => (env.nginxErr += d));
	env.proxy = `http://127.0.0.1:${env.port}`;
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(env.proxy + '/healthz')).status === 200) return;
		} catch {
			/* not yet */
		}
		await sleep(100);
	}
	throw new Error(`nginx did not start: ${env.nginxErr}\n${tail(join(env.a.dir, 'nginx-error.log'))}`);
});

after(async () => {
	if (env.nginx && env.nginx.exitCode === null) {
		const done = new Promise((ok) => env.nginx.once('exit', ok));
		env.nginx.kill('SIGQUIT');
		await done;
	}
	for (const s of [env.b, env.a]) if (s) await stopServer(s);
	if (env.a && !process.env.KEEP_TMP) rmSync(env.a.dir, { recursive: true, force: true });
});

test('nginx is there and spreads requests over both processes', async () => {
	assert.ok(existsSync(NGINX), `${NGINX} (Debian nginx-light)`);
	const seen = new Set();
	for (let i = 0; i < 20; i++) {
		const res = await fetch(env.proxy + '/healthz');
		assert.equal(res.status, 200);
		seen.add(res.headers.get('x-upstream'));
	}
	assert.deepEqual([...seen].sort(), [`127.0.0.1:${env.a.port}`, `127.0.0.1:${env.b.port}`].sort());
});

test('a session made on one process is valid on the other, and logout ends it on both', async () => {
	const jar = new Jar();
	assert.equal(await login(env.a.base, jar, 'hr@muster.test', PASSWORD), 303);
	assert.ok(jar.c.get('obsid'), 'session cookie set by process A');
	for (const base of [env.a.base, env.b.base]) {
		const res = await get(base, '/api/v1/me', jar);
		assert.equal(res.status, 200, `${base} knows the session`);
		assert.equal((await res.json()).user.email, 'hr@muster.test');
	}
	// log out on B (CSRF token from a page of B), then neither knows it
	const page = await (await get(env.b.base, '/account', jar)).text();
	const csrf = page.match(/"X-CSRF-Token":"([^"]+)"/)[1];
	const out = await fetch(env.b.base + '/logout', {
		method: 'POST',
		redirect: 'manual',
		headers: { Cookie: jar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ _csrf: csrf }),
	});
	assert.ok([200, 303].includes(out.status), `logout answered ${out.status}`);
	const again = new Jar();
	again.c.set('obsid', jar.c.get('obsid') || 'x');
	for (const base of [env.a.base, env.b.base])
		assert.equal((await get(base, '/api/v1/me', again)).status, 401, `${base} no longer knows it`);
});

test('login throttling counts the failures made on both processes', async () => {
	const email = 'admin@beispiel.test';
	// 5 failures per account in 15 minutes are allowed: 3 on A, 2 on B
	for (const base of [env.a.base, env.a.base, env.a.base, env.b.base, env.b.base]) {
		const st = await login(base, new Jar(), email, 'wrong password');
		assert.ok([200, 401, 400, 422].includes(st), `a wrong password answered ${st}`);
	}
	// the next attempt is refused on either process, even with the right password
	for (const base of [env.a.base, env.b.base])
		assert.equal(await login(base, new Jar(), email, PASSWORD), 429, `${base} throttles`);
});

test('a write through one process is read through the other; through nginx every page works', async () => {
	const token = execFileSync(env.a.bin, ['token', 'create', '--email', 'hr@muster.test', '--db', env.a.db], {
		env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' },
	})
		.toString()
		.trim();
	const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
	const me = await (await fetch(env.a.base + '/api/v1/me', { headers: auth })).json();
	const eid = me.memberships[0].employer_id;
	const created = await fetch(`${env.a.base}/api/v1/employers/${eid}/employees`, {
		method: 'POST',
		headers: auth,
		body: JSON.stringify({
			personnel_number: 'MP-1',
			last_name: 'Zweiprozess',
			first_name: 'Paula',
			birth_date: '1990-04-01',
			entry_date: '2020-01-01',
		}),
	});
	assert.equal(created.status, 201, await created.clone().text());
	const { id } = await created.json();
	const read = await fetch(`${env.b.base}/api/v1/employers/${eid}/employees/${id}`, { headers: auth });
	assert.equal(read.status, 200);
	assert.equal((await read.json()).last_name, 'Zweiprozess');
	// a browser session through the proxy: every request lands on either process
	const jar = new Jar();
	assert.equal(await login(env.proxy, jar, 'hr@muster.test', PASSWORD), 303);
	const upstreams = new Set();
	for (let i = 0; i < 10; i++) {
		const res = await get(env.proxy, `/employer/${eid}?q=Zweiprozess`, jar);
		assert.equal(res.status, 200);
		assert.match(await res.text(), /Zweiprozess/);
		upstreams.add(res.headers.get('x-upstream'));
	}
	assert.equal(upstreams.size, 2, 'both processes served the session');
});
