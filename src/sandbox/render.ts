/**
 * Shows a reply in the terminal as a Discord client would: mentions as names, timestamps in
 * local time, markdown as terminal styles, link buttons as labelled URLs. Pure.
 */

/** Names for the mentions in a message, and how to style it. */
export interface RenderNames {
	channel(id: string): string | undefined;
	user(id: string): string | undefined;
	role(id: string): string | undefined;
}

export interface TerminalStyle {
	/** ANSI colours and bold; off for pipes and --json. */
	color: boolean;
	/** BCP 47 locale for dates ('en-US'). */
	locale: string;
	/** IANA time zone; default the machine's. */
	timeZone?: string | undefined;
	/** "Now", for relative timestamps (ms). */
	now?: number | undefined;
}

const ansi =
	(code: string, on: boolean) =>
	(text: string): string =>
		on ? `\u001b[${code}m${text}\u001b[0m` : text;

/** `<t:unix:R>` as Discord shows it: "in an hour", "2 days ago" (moment.js thresholds, as Discord's client). */
export function relativeTime(unixSeconds: number, style: TerminalStyle): string {
	const diff = unixSeconds - Math.round((style.now ?? Date.now()) / 1000);
	const abs = Math.abs(diff);
	const format = new Intl.RelativeTimeFormat(style.locale, { numeric: 'auto' });
	const sign = Math.sign(diff) || 1;
	if (abs < 45) return format.format(sign * Math.round(abs), 'second');
	if (abs < 45 * 60) return format.format(sign * Math.max(1, Math.round(abs / 60)), 'minute');
	if (abs < 22 * 3_600) return format.format(sign * Math.max(1, Math.round(abs / 3_600)), 'hour');
	if (abs < 26 * 86_400) return format.format(sign * Math.max(1, Math.round(abs / 86_400)), 'day');
	if (abs < 320 * 86_400) return format.format(sign * Math.max(1, Math.round(abs / 2_592_000)), 'month');
	return format.format(sign * Math.max(1, Math.round(abs / 31_536_000)), 'year');
}

/** `<t:unix:f>` as Discord shows it: date and short time in the reader's zone. */
export function fullTime(unixSeconds: number, style: TerminalStyle): string {
	return new Intl.DateTimeFormat(style.locale, {
		dateStyle: 'long',
		timeStyle: 'short',
		...(style.timeZone ? { timeZone: style.timeZone } : {}),
	}).format(unixSeconds * 1000);
}

/** Message content with mentions, timestamps and markdown resolved for a terminal. */
export function renderContent(content: string, names: RenderNames, style: TerminalStyle): string {
	const bold = ansi('1', style.color);
	const code = ansi('36', style.color);
	const dim = ansi('2', style.color);
	const mention = ansi('34', style.color);
	return content
		.replace(/<t:(\d+):([tTdDfFR])>/g, (_match, unix: string, kind: string) =>
			kind === 'R' ? relativeTime(Number(unix), style) : fullTime(Number(unix), style),
		)
		.replace(/<#(\d+)>/g, (_match, id: string) => mention(`#${names.channel(id) ?? id}`))
		.replace(/<@&(\d+)>/g, (_match, id: string) => mention(`@${names.role(id) ?? id}`))
		.replace(/<@!?(\d+)>/g, (_match, id: string) => mention(`@${names.user(id) ?? id}`))
		.replace(/\*\*([^*]+)\*\*/g, (_match, text: string) => bold(text))
		.replace(/`([^`]+)`/g, (_match, text: string) => code(text))
		.replace(/^-# (.*)$/gm, (_match, text: string) => dim(text));
}

/** Link buttons as `[ label ] url`. */
export function renderComponents(components: readonly unknown[] | undefined, style: TerminalStyle): string[] {
	const lines: string[] = [];
	for (const row of components ?? []) {
		for (const component of (row as { components?: { label?: string; url?: string }[] }).components ?? []) {
			if (component.url)
				lines.push(
					`${style.color ? ansi('7', true)(` ${component.label ?? 'Link'} `) : `[ ${component.label ?? 'Link'} ]`} ${component.url}`,
				);
		}
	}
	return lines;
}
