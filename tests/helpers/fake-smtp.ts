import { createServer, type Server } from 'node:net';

/** A minimal SMTP server on 127.0.0.1 that keeps every message it receives (for tests). */
export async function startFakeSmtp(): Promise<{
	url: string;
	messages: string[];
	close: () => Promise<void>;
}> {
	const messages: string[] = [];
	const server: Server = createServer((socket) => {
		let buffer = '';
		let inData = false;
		let data = '';
		socket.write('220 fake ESMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let at: number;
			while ((at = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, at);
				buffer = buffer.slice(at + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						messages.push(data);
						data = '';
						socket.write('250 OK queued\r\n');
					} else data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
					continue;
				}
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'EHLO' || command === 'HELO') socket.write('250 fake\r\n');
				else if (command === 'DATA') {
					inData = true;
					socket.write('354 go ahead\r\n');
				} else if (command === 'QUIT') {
					socket.end('221 bye\r\n');
				} else socket.write('250 OK\r\n');
			}
		});
		socket.on('error', () => {});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
