/**
 * The sandbox prompt at a terminal: keys go in as a terminal sends them (a Tab alone, or
 * pasted together with the text), and what readline draws comes back out. Drives the real
 * prompt (`prompt` in src/sandbox/cli.ts) with the bot over the gateway.
 */
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prompt, type SandboxCli } from '../../src/sandbox/cli.js';
import { Sandbox } from '../../src/sandbox/session.js';

/** A terminal: keys in, screen out. `keys()` sends one chunk and waits for the screen to settle. */
interface Terminal {
	keys(chunk: string): Promise<string>;
	/** Everything drawn so far. */
	readonly screen: string;
	close(): Promise<void>;
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await Sandbox.start();
});
afterAll(() => sandbox.close());

async function terminal(): Promise<Terminal> {
	const input = new PassThrough();
	const output = Object.assign(new PassThrough(), { isTTY: true, columns: 160, rows: 40 });
	let screen = '';
	let changed = Date.now();
	output.on('data', (chunk: Buffer) => {
		screen += chunk.toString();
		changed = Date.now();
	});
	const cli: SandboxCli = {
		http: false,
		external: false,
		port: undefined,
		endpoint: undefined,
		json: false,
		scripts: [],
		locale: 'en-US',
		as: 'member',
		channel: 'general',
		color: false,
	};
	const done = prompt(sandbox, cli, { color: false, locale: 'en-US' }, input, output);
	/** Waits until nothing has been drawn for a moment (the bot's answer comes back over loopback). */
	const settle = async (): Promise<void> => {
		const started = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 50));
		while (Date.now() - changed < 150 && Date.now() - started < 5_000)
			await new Promise((resolve) => setTimeout(resolve, 25));
	};
	await settle();
	return {
		get screen() {
			return screen;
		},
		async keys(chunk) {
			const before = screen.length;
			input.write(chunk);
			await settle();
			return screen.slice(before);
		},
		async close() {
			input.write('\u0015exit\r');
			await done;
		},
	};
}

/** The line being edited, as the terminal shows it after the last redraw (from the last prompt on). */
const lastLine = (drawn: string): string => {
	const plain = stripVTControlCharacters(drawn);
	return plain.slice(plain.lastIndexOf('member › ')).split(/\r\n|\r|\n/)[0] ?? '';
};

describe('the sandbox prompt at a terminal', () => {
	it('lists the expires choices on Tab Tab after an empty expires:, also when the Tabs come pasted with the text', async () => {
		const term = await terminal();
		try {
			for (const keys of [['/invite expires:', '\t', '\t'], ['/invite expires:\t\t']]) {
				let drawn = '';
				for (const chunk of keys) drawn += await term.keys(chunk);
				expect(drawn).toMatch(/30m\s+1h\s+6h\s+12h\s+1d\s+7d\s+never/);
				expect(drawn).not.toContain('max_uses:');
				expect(lastLine(term.screen)).toBe('member › /invite expires:');
				await term.keys('\u0015');
			}
		} finally {
			await term.close();
		}
	});

	it('completes activity:w on names, never turning the w into a digit, and sends the id of the name picked', async () => {
		const term = await terminal();
		try {
			await term.keys('/invite channel:#voice activity:w\t');
			expect(lastLine(term.screen)).toBe('member › /invite channel:#voice activity:"W');
			expect(await term.keys('\t')).toMatch(/"Watch Together"\s+"Word Snacks"/);
			await term.keys('a\t');
			expect(lastLine(term.screen)).toBe('member › /invite channel:#voice activity:"Watch Together"');
			const answer = await term.keys('\r');
			expect(answer).toContain('Opens the Activity: Watch Together (880218394199220334)');
			expect(answer).toContain('"target_application_id":"880218394199220334"');
		} finally {
			await term.close();
		}
	});

	it('offers hours and days for expires:1, not one second', async () => {
		const term = await terminal();
		try {
			await term.keys('/invite expires:1\t');
			const listed = await term.keys('\t');
			expect(listed).toMatch(/1h\s+12h\s+1d/);
			expect(listed).not.toMatch(/\b1s\b/);
		} finally {
			await term.close();
		}
	});
});
