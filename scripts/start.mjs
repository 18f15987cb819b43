// `npm start`: builds the app only when there is no build or the sources are newer than it, then
// starts it with one Dutch line that says where it runs. Plain Node, so it works before anything
// is compiled.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildNeeded } from './build-freshness.mjs';

const root = join(import.meta.dirname, '..');
function run(command, args, options) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, ...options });
		let output = '';
		child.stdout?.on('data', (c) => (output += c));
		child.stderr?.on('data', (c) => (output += c));
		child.once('exit', (code) => resolve({ code, output }));
	});
}

const reason = buildNeeded(root);
if (reason) {
	console.log(`Jaarbeeld wordt gebouwd (${reason}); dat duurt ongeveer een halve minuut…`);
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const { code, output } = await run(process.execPath, [vite, 'build', '--logLevel', 'error'], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	if (code !== 0) {
		console.error(output.trim());
		console.error('Jaarbeeld kan niet starten: het bouwen is mislukt (zie hierboven).');
		process.exit(code ?? 1);
	}
}

const env = {
	HOST: '127.0.0.1',
	PORT: '3000',
	// Excel uploads up to 10 MB reach the app (the import refuses larger files with a message)
	BODY_SIZE_LIMIT: '11M',
	...process.env
};
const app = spawn(process.execPath, ['build'], {
	cwd: root,
	env,
	stdio: ['inherit', 'pipe', 'inherit']
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
createInterface({ input: app.stdout }).on('line', (line) => {
	// the Node adapter's English "Listening on ..." becomes one Dutch line with a usable address
	if (/^Listening on /.test(line)) {
		const local = ['127.0.0.1', 'localhost', '::1'].includes(env.HOST);
		console.log(
			local
				? `Jaarbeeld draait op http://localhost:${env.PORT} (alleen op deze computer). Stoppen: Ctrl+C.`
				: `Jaarbeeld draait op poort ${env.PORT} en is bereikbaar voor anderen (HOST=${env.HOST}). Stoppen: Ctrl+C.`
		);
	} else console.log(line);
});
app.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
