import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/free-port';

export { freePort };

export interface RunningApp {
	url: string;
	dataDir: string;
	process: ChildProcess;
	output: () => string;
	/** Resolves once the server's output (stdout and stderr) satisfies `test`. */
	waitForOutput: (test: (output: string) => boolean, timeoutMs?: number) => Promise<string>;
	stop: () => Promise<number | null>;
}

/** Starts the built app (`node build`) and waits until /healthz answers. */
export async function startApp(
	env: Record<string, string | undefined> = {},
	options: { dataDir?: string; waitForHealth?: boolean; port?: number } = {}
): Promise<RunningApp> {
	// a port chosen beforehand when the app's URL must be known first (an OIDC redirect URL)
	const port = options.port ?? (await freePort());
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jaarbeeld-e2e-'));
	const url = `http://127.0.0.1:${port}`;
	const childEnv: Record<string, string | undefined> = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATA_DIR: dataDir,
		DATABASE_URL: undefined,
		// as npm start and the deployment example: Excel uploads up to 10 MB reach the app
		BODY_SIZE_LIMIT: '11M',
		...env
	};
	const child = spawn(process.execPath, ['build'], {
		env: Object.fromEntries(
			Object.entries(childEnv).filter(([, v]) => v !== undefined)
		) as NodeJS.ProcessEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	const watchers = new Set<() => void>();
	const append = (chunk: Buffer) => {
		log += chunk;
		for (const watcher of watchers) watcher();
	};
	child.stdout?.on('data', append);
	child.stderr?.on('data', append);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);

	const app: RunningApp = {
		url,
		dataDir,
		process: child,
		output: () => log,
		waitForOutput: (test, timeoutMs = 10_000) =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					watchers.delete(check);
					reject(new Error(`De verwachte uitvoer kwam niet binnen ${timeoutMs} ms:\n${log}`));
				}, timeoutMs);
				const check = () => {
					if (!test(log)) return;
					clearTimeout(timer);
					watchers.delete(check);
					resolve(log);
				};
				watchers.add(check);
				check();
			}),
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			const code = await exited;
			if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
			return code;
		}
	};
	if (options.waitForHealth === false) return app;

	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`De app stopte bij het starten:\n${log}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return app;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	await app.stop();
	throw new Error(`De app startte niet binnen 90 s:\n${log}`);
}
