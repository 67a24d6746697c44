// HEALTHCHECK: GET /healthz on the gateway bot's METRICS_PORT (default 9090) or the HTTP
// endpoint's PORT (default 8080), whichever answers; 200 is healthy. The image has no curl.
const ports = [process.env.METRICS_PORT || '9090', process.env.PORT || '8080'];
for (const port of ports) {
	try {
		const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
		process.exit(response.status === 200 ? 0 : 1);
	} catch {
		// Nothing listens on this port: try the other.
	}
}
process.exit(1);
