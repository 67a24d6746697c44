/**
 * Contract-test support: validate request and response bodies against
 * Discord's official OpenAPI 3.1 spec (discord/discord-api-spec).
 *
 * The spec lives outside the repo, at `<repo>/../shared/discord/openapi.json`
 * (override with env DISCORD_OPENAPI_SPEC). When it is absent, `spec.available`
 * is false and suites should `describe.skipIf(!spec.available)`.
 *
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, so this uses Ajv2020 with the
 * whole spec document registered under SPEC_ID; any schema in it is addressed
 * by JSON pointer (`${SPEC_ID}#/components/schemas/Name`,
 * `${SPEC_ID}#/paths/...`), so the spec's own `#/components/...` $refs resolve.
 *
 * Ajv runs in strict mode: an unknown keyword or format in the spec throws at
 * compile time instead of being silently ignored. The only non-standard
 * keyword the spec uses is `x-discord-union` (an annotation, registered as
 * such); its formats are int32, int64, double, snowflake, nonce (custom here)
 * and date-time, uri (ajv-formats).
 *
 * Validators are compiled lazily, one per schema pointer, and cached.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is module.exports,
// which carries the plugin both as itself and as `.default`.
const addFormats = addFormatsModule.default;

export interface ValidationResult {
	valid: boolean;
	errors: string[];
}

export interface CreateInviteRequestValidation extends ValidationResult {
	/** Against `#/components/schemas/CreateGuildInviteRequest` alone. */
	guild: ValidationResult;
	/** Against the operation's full JSON request schema (anyOf GroupDM | Guild). */
	full: ValidationResult;
}

/** Repo root is two levels up from test/support. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the spec is read from: env DISCORD_OPENAPI_SPEC, else ../shared/discord/openapi.json beside the repo. */
export const specPath: string = process.env.DISCORD_OPENAPI_SPEC
	? path.resolve(process.env.DISCORD_OPENAPI_SPEC)
	: path.resolve(REPO_ROOT, '..', 'shared', 'discord', 'openapi.json');

export const specAvailable: boolean = existsSync(specPath);

/** For `describe.skipIf(!spec.available)(...)`; `reason` says why it would be skipped. */
export const spec = {
	path: specPath,
	available: specAvailable,
	reason: specAvailable
		? `Discord OpenAPI spec found at ${specPath}`
		: `Discord OpenAPI spec not found at ${specPath} (expected ../shared/discord/openapi.json beside the repo; set DISCORD_OPENAPI_SPEC to override) — OpenAPI contract tests skipped`,
} as const;

/** `$id` the spec document is registered under inside Ajv. */
export const SPEC_ID = 'https://discord.com/api/openapi.json';

export const CREATE_INVITE_PATH = '/channels/{channel_id}/invites';

type Json = Record<string, unknown>;

interface OpenApiOperation {
	operationId?: string;
	requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
	responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}

export interface DiscordOpenApiSpec {
	openapi: string;
	info: { title?: string; version?: string | number };
	paths: Record<string, Record<string, unknown>>;
	components: { schemas: Record<string, unknown>; responses?: Record<string, unknown> };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

// ---------------------------------------------------------------------------
// Loading and compiling (lazy, cached)

let cachedSpec: DiscordOpenApiSpec | undefined;
let cachedAjv: InstanceType<typeof Ajv2020> | undefined;
const validators = new Map<string, ValidateFunction>();

/** Timings, for reporting/diagnostics. */
export const openapiTimings: { loadMs?: number; ajvSetupMs?: number; compileMs: Record<string, number> } = {
	compileMs: {},
};

/** Reads and parses the spec once. Throws with `spec.reason` if it is missing. */
export function loadDiscordSpec(): DiscordOpenApiSpec {
	if (cachedSpec) return cachedSpec;
	if (!specAvailable) throw new Error(spec.reason);
	const t0 = performance.now();
	const parsed = JSON.parse(readFileSync(specPath, 'utf8')) as DiscordOpenApiSpec;
	if (typeof parsed.openapi !== 'string' || !parsed.openapi.startsWith('3.1')) {
		throw new Error(`${specPath}: expected an OpenAPI 3.1 document, got openapi=${String(parsed.openapi)}`);
	}
	openapiTimings.loadMs = performance.now() - t0;
	cachedSpec = parsed;
	return parsed;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const SNOWFLAKE_MAX = 2n ** 64n - 1n;

function getAjv(): InstanceType<typeof Ajv2020> {
	if (cachedAjv) return cachedAjv;
	const doc = loadDiscordSpec();
	const t0 = performance.now();
	const ajv = new Ajv2020({
		strict: true, // unknown keywords/formats throw instead of being ignored
		strictTypes: false, // the spec puts `type: integer` beside oneOf/const lists; legal, just not "strict"
		strictRequired: false,
		allErrors: true,
		validateFormats: true,
		// The spec document is big and trusted; meta-validating it on add costs time for nothing.
		validateSchema: false,
	});
	addFormats(ajv, ['date-time', 'uri']);
	ajv.addFormat('int32', {
		type: 'number',
		validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX,
	});
	// Bounds come from the schemas' own minimum/maximum (Int53Type, UInt32Type, nonce).
	ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
	ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
	ajv.addFormat('snowflake', {
		type: 'string',
		validate: (s: string) => /^(0|[1-9][0-9]*)$/.test(s) && BigInt(s) <= SNOWFLAKE_MAX,
	});
	// Message nonces: any string (length is bounded by the schema's maxLength).
	ajv.addFormat('nonce', { type: 'string', validate: () => true });
	// Discord's marker for "this anyOf is really a oneOf" — an annotation; the anyOf is what validates.
	ajv.addKeyword({ keyword: 'x-discord-union', schemaType: 'string' });
	// Ajv compiles the document root when resolving a pointer into it, so the
	// OpenAPI top-level members must be known (as inert annotations).
	const topLevel = Object.keys(doc).filter((k) => !k.startsWith('$'));
	for (const keyword of topLevel) ajv.addKeyword({ keyword });
	ajv.addSchema({ ...(doc as unknown as Json), $id: SPEC_ID });
	openapiTimings.ajvSetupMs = performance.now() - t0;
	cachedAjv = ajv;
	return ajv;
}

function escapePointerSegment(segment: string): string {
	return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

/** `['paths', '/a/{b}', 'post']` -> `#/paths/~1a~1%7Bb%7D/post` */
function pointer(segments: readonly string[]): string {
	return `#/${segments.map(escapePointerSegment).join('/')}`;
}

function validatorFor(ptr: string): ValidateFunction {
	let validate = validators.get(ptr);
	if (!validate) {
		const ajv = getAjv();
		const t0 = performance.now();
		validate = ajv.compile({ $ref: SPEC_ID + ptr });
		openapiTimings.compileMs[ptr] = performance.now() - t0;
		validators.set(ptr, validate);
	}
	return validate;
}

function formatError(e: ErrorObject): string {
	const where = e.instancePath || '(root)';
	let detail = '';
	const p = e.params as Record<string, unknown>;
	if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) detail = ` ${JSON.stringify(p.allowedValues)}`;
	if (e.keyword === 'const') detail = ` ${JSON.stringify(p.allowedValue)}`;
	return `${where} ${e.message ?? e.keyword}${detail} [${e.schemaPath}]`;
}

function run(ptr: string, value: unknown): ValidationResult {
	const validate = validatorFor(ptr);
	const valid = validate(value) as boolean;
	return { valid, errors: valid ? [] : [...new Set((validate.errors ?? []).map(formatError))] };
}

// ---------------------------------------------------------------------------
// Operation lookup

function splitPath(p: string): string[] {
	return p.replace(/^\/+|\/+$/g, '').split('/');
}

const isParam = (segment: string): boolean => /^\{[^}]+\}$/.test(segment);

/**
 * Finds the spec's path template for either a template (parameter names may
 * differ, e.g. `/webhooks/{application_id}/{token}/...`) or a concrete path
 * (`/channels/123/invites`). Literal segments beat parameters on ties, so
 * `/webhooks/1/t/messages/@original` picks the `@original` template.
 */
export function findPathTemplate(pathOrTemplate: string): string | undefined {
	const doc = loadDiscordSpec();
	const wanted = splitPath(pathOrTemplate.split('?')[0] ?? '');
	let best: { template: string; literals: number } | undefined;
	for (const template of Object.keys(doc.paths)) {
		const segs = splitPath(template);
		if (segs.length !== wanted.length) continue;
		let literals = 0;
		let ok = true;
		for (let i = 0; i < segs.length && ok; i++) {
			const s = segs[i]!;
			const w = wanted[i]!;
			if (isParam(s)) continue; // a parameter matches a value or any {param}
			if (s === w) literals++;
			else ok = false;
		}
		if (ok && (!best || literals > best.literals)) best = { template, literals };
	}
	return best?.template;
}

function getOperation(method: string, pathOrTemplate: string): { template: string; m: string; op: OpenApiOperation } {
	const doc = loadDiscordSpec();
	const m = method.toLowerCase();
	if (!HTTP_METHODS.has(m)) throw new Error(`not an HTTP method: ${method}`);
	const template = findPathTemplate(pathOrTemplate);
	if (!template) throw new Error(`Discord's OpenAPI spec has no path matching ${pathOrTemplate}`);
	const op = doc.paths[template]?.[m] as OpenApiOperation | undefined;
	if (!op) throw new Error(`Discord's OpenAPI spec has no ${m.toUpperCase()} ${template}`);
	return { template, m, op };
}

/** Resolves `{ $ref: '#/components/responses/X' }` to [pointer segments, object]. */
function resolveResponse(
	template: string,
	m: string,
	key: string,
	response: { $ref?: string; content?: Record<string, { schema?: unknown }> },
): { segments: string[]; response: { content?: Record<string, { schema?: unknown }> } } {
	if (response.$ref) {
		const match = /^#\/components\/responses\/([^/]+)$/.exec(response.$ref);
		const name = match?.[1];
		const resolved = name ? loadDiscordSpec().components.responses?.[name] : undefined;
		if (!name || !resolved) throw new Error(`cannot resolve response ${response.$ref}`);
		return {
			segments: ['components', 'responses', name],
			response: resolved as { content?: Record<string, { schema?: unknown }> },
		};
	}
	return { segments: ['paths', template, m, 'responses', key], response };
}

const isEmptyBody = (body: unknown): boolean => body === undefined || body === null || body === '';

// ---------------------------------------------------------------------------
// Public validators

/** Validates `value` against `#/components/schemas/NAME`; accepts `NAME` or the full `#/components/schemas/NAME` ref. */
export function validateSchema(ref: string, value: unknown): ValidationResult {
	const name = ref.replace(/^#\/components\/schemas\//, '');
	if (!(name in loadDiscordSpec().components.schemas)) {
		throw new Error(`Discord's OpenAPI spec has no schema components/schemas/${name}`);
	}
	return run(pointer(['components', 'schemas', name]), value);
}

/**
 * Validates a request body for any operation, e.g.
 * `validateRequest('PUT', '/applications/{application_id}/commands', body)`.
 */
export function validateRequest(
	method: string,
	pathOrTemplate: string,
	body: unknown,
	contentType = 'application/json',
): ValidationResult {
	const { template, m, op } = getOperation(method, pathOrTemplate);
	const label = `${m.toUpperCase()} ${template}`;
	if (!op.requestBody) {
		return isEmptyBody(body)
			? { valid: true, errors: [] }
			: { valid: false, errors: [`${label} takes no request body, got ${JSON.stringify(body)}`] };
	}
	if (body === undefined) {
		return op.requestBody.required
			? { valid: false, errors: [`${label} requires a request body`] }
			: { valid: true, errors: [] };
	}
	if (!op.requestBody.content?.[contentType]?.schema) {
		const types = Object.keys(op.requestBody.content ?? {}).join(', ');
		return { valid: false, errors: [`${label} has no ${contentType} request body (spec has: ${types})`] };
	}
	return run(pointer(['paths', template, m, 'requestBody', 'content', contentType, 'schema']), body);
}

/**
 * Validates a response body for any operation against the response documented
 * for `status` (exact code, else `4XX`-style range, else `default`). A status
 * the spec does not document is invalid; a documented status without content
 * (e.g. 204) only accepts an empty body (undefined, null or '').
 */
export function validateResponse(
	method: string,
	pathOrTemplate: string,
	status: number,
	body: unknown,
): ValidationResult {
	const { template, m, op } = getOperation(method, pathOrTemplate);
	const label = `${m.toUpperCase()} ${template}`;
	const responses = op.responses ?? {};
	const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
	if (!key) {
		return {
			valid: false,
			errors: [`${label}: status ${status} is not documented (spec has: ${Object.keys(responses).join(', ')})`],
		};
	}
	const { segments, response } = resolveResponse(template, m, key, responses[key]!);
	const jsonSchema = response.content?.['application/json']?.schema;
	if (!response.content || Object.keys(response.content).length === 0) {
		return isEmptyBody(body)
			? { valid: true, errors: [] }
			: {
					valid: false,
					errors: [`${label}: status ${status} has no body in the spec, got ${JSON.stringify(body)}`],
				};
	}
	if (!jsonSchema) {
		return { valid: false, errors: [`${label}: status ${status} has no application/json body in the spec`] };
	}
	return run(pointer([...segments, 'content', 'application/json', 'schema']), body);
}

/**
 * Validates a Create Channel Invite body (POST /channels/{channel_id}/invites)
 * against CreateGuildInviteRequest and against the operation's full JSON
 * request schema (anyOf CreateGroupDMInviteRequest | CreateGuildInviteRequest).
 * `valid` requires both. The guild check is the one with teeth: the spec sets no
 * additionalProperties:false, so the GroupDM branch (only `max_age` 1..604800)
 * lets the full schema accept e.g. `{ max_uses: "x" }`.
 */
export function validateCreateInviteRequest(body: unknown): CreateInviteRequestValidation {
	const guild = validateSchema('CreateGuildInviteRequest', body);
	const full = validateRequest('POST', CREATE_INVITE_PATH, body);
	return {
		valid: guild.valid && full.valid,
		errors: [
			...guild.errors.map((e) => `CreateGuildInviteRequest: ${e}`),
			...full.errors.map((e) => `request schema: ${e}`),
		],
		guild,
		full,
	};
}

/**
 * Validates a Create Channel Invite response: 200 is oneOf FriendInviteResponse
 * | GroupDMInviteResponse | GuildInviteResponse; 204 has no body; 4XX is
 * ErrorResponse; 429 is RatelimitedResponse.
 */
export function validateCreateInviteResponse(status: number, body: unknown): ValidationResult {
	const result = validateResponse('POST', CREATE_INVITE_PATH, status, body);
	if (result.valid || status !== 200) return result;
	// A failed oneOf reports every branch's complaints; when the body names its
	// invite type, the errors of that type's schema are the ones that matter.
	const type = (body as { type?: unknown } | null)?.type;
	const schemaName = typeof type === 'number' ? INVITE_RESPONSE_SCHEMAS[type] : undefined;
	if (!schemaName) return result;
	const own = validateSchema(schemaName, body);
	if (own.valid) return result;
	return { valid: false, errors: own.errors.map((e) => `${schemaName}: ${e}`) };
}

/** Invite `type` -> the 200 response schema for it. */
export const INVITE_RESPONSE_SCHEMAS: Readonly<Record<number, string>> = {
	0: 'GuildInviteResponse',
	1: 'GroupDMInviteResponse',
	2: 'FriendInviteResponse',
};
