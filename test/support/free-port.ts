/**
 * A loopback port nobody listens on right now, for a server the test starts in another process
 * (which must be told its port): below the kernel's ephemeral range (32768+ on Linux), not
 * port 0's pick. While a killed server is down, a client reconnecting to an ephemeral port can
 * be given that same port as its own and connect to itself (TCP self-connect), answering its
 * own requests. Real service ports (6379, 5432) are never in that range either.
 */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
	for (;;) {
		const port = 20_000 + Math.floor(Math.random() * 12_000);
		const free = await new Promise<boolean>((resolve) => {
			const probe = createServer();
			probe.once('error', () => resolve(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
}
